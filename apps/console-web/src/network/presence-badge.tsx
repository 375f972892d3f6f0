import { useTranslation } from 'react-i18next';
import type { PresenceStatus } from '../api/network';
import { markerSvg } from './presence-look';

/** A status's shape, as on the map; decorative beside the status word. */
export function PresenceShape(props: { status: PresenceStatus; size?: number }) {
  // markerSvg builds its markup from constants only: nothing from the server goes into it.
  return (
    <span
      className="presence-shape"
      aria-hidden="true"
      dangerouslySetInnerHTML={{ __html: markerSvg(props.status, props.size ?? 14) }}
    />
  );
}

/** A status as its shape and its word: the word is the badge's whole text. */
export function PresenceBadge(props: { status: PresenceStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`presence-badge presence-badge-${props.status}`}>
      <PresenceShape status={props.status} />
      {t(`console.network.status.${props.status}`)}
    </span>
  );
}
