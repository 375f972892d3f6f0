import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { TLP_COLOURS, tlpOf } from './tlp';

const BLACK = '#000000';

/**
 * A message's TLP label in FIRST TLP 2.0's form: the label's words in its colour on black, never
 * translated (the standard's labels are the same in every language), with its meaning spoken to
 * screen readers as "Handling: TLP:…". Takes the enum (`TLP_AMBER`) or the handling header
 * (`TLP:AMBER;H2`); a label the app does not know (or none) shows as unknown.
 */
export function TlpLabel(props: { tlp: unknown; className?: string }) {
  const { t } = useTranslation();
  const tlp = tlpOf(props.tlp);
  const known = tlp === undefined ? undefined : TLP_COLOURS[tlp];
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
