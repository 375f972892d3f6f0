import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { isTlp, TLP_COLOURS } from './tlp';

const BLACK = '#000000';

/**
 * A message's TLP label in FIRST TLP 2.0's form: the label's words in its colour on black, never
 * translated (the standard's labels are the same in every language), with its meaning spoken to
 * screen readers as "Handling: TLP:…". A label the app does not know (or none) shows as unknown.
 */
export function TlpLabel(props: { tlp: unknown; className?: string }) {
  const { t } = useTranslation();
  const known = isTlp(props.tlp) ? TLP_COLOURS[props.tlp] : undefined;
  const text = known?.label ?? t('web.tlp.unknown');
  const style: CSSProperties = {
    backgroundColor: BLACK,
    color: known?.text ?? '#FFFFFF',
    fontFamily: 'Arial, Helvetica, sans-serif',
    fontWeight: 700,
    padding: '0.1em 0.4em',
    borderRadius: '0.2em',
    whiteSpace: 'nowrap',
    display: 'inline-block',
  };
  return (
    <span
      className={props.className === undefined ? 'bl-tlp' : `bl-tlp ${props.className}`}
      style={style}
      title={t('web.tlp.label', { label: text })}
      data-tlp={known?.label ?? 'unknown'}
    >
      <span className="bl-visually-hidden">{t('web.tlp.prefix')} </span>
      {text}
    </span>
  );
}
