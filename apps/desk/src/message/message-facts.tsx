import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnyMessage } from '../api/node-types';
import { useReference } from '../api/use-reference';
import { enumLabel } from '../common/enum-label';
import { Fact, Facts } from '../common/facts';
import { formatDateTime } from '../common/format';

/** What the message is: its kind, classification, validity, regions, references and addressees. */
export function MessageFacts(props: { message: AnyMessage; kind: string; sender: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { message } = props;
  const reference = useReference();
  const regionName = (id: string) => reference.data?.regions.find((region) => region.id === id)?.name ?? id;
  const when = (value: string | undefined) =>
    value === undefined ? '' : <time dateTime={value}>{formatDateTime(value, language)}</time>;
  const list = (values: string[] | undefined) => (values ?? []).join(', ');
  return (
    <section aria-labelledby="facts-title" className="desk-section">
      <h2 id="facts-title">{t('message.facts')}</h2>
      <Facts>
        <Fact name={t('message.kind')}>{t(`kinds.${props.kind}`, { defaultValue: props.kind })}</Fact>
        <Fact name={t('message.sender')}>
          {props.sender}
          {message.actor === undefined ? '' : ` (${message.actor})`}
        </Fact>
        <Fact name={t('message.sent')}>{when(message.sent)}</Fact>
        <Fact name={t('message.alertType')}>
          {message.type === undefined ? '' : enumLabel(t, 'alertType', message.type)}
        </Fact>
        <Fact name={t('message.noticeKind')}>
          {message.kind === undefined ? '' : enumLabel(t, 'noticeKind', message.kind)}
        </Fact>
        <Fact name={t('message.status')}>
          {message.status === undefined ? '' : enumLabel(t, 'status', message.status)}
        </Fact>
        <Fact name={t('compose.category')}>
          {message.category === undefined ? '' : enumLabel(t, 'category', message.category)}
        </Fact>
        <Fact name={t('compose.severity')}>
          {message.severity === undefined ? '' : enumLabel(t, 'severity', message.severity)}
        </Fact>
        <Fact name={t('compose.urgency')}>
          {message.urgency === undefined ? '' : enumLabel(t, 'urgency', message.urgency)}
        </Fact>
        <Fact name={t('compose.certainty')}>
          {message.certainty === undefined ? '' : enumLabel(t, 'certainty', message.certainty)}
        </Fact>
        <Fact name={t('compose.priority')}>
          {message.priority === undefined ? '' : enumLabel(t, 'priority', message.priority)}
        </Fact>
        <Fact name={t('compose.deadline')}>{when(message.deadline)}</Fact>
        <Fact name={t('compose.effective')}>{when(message.effective)}</Fact>
        <Fact name={t('compose.expires')}>{when(message.expires)}</Fact>
        <Fact name={t('compose.regions')}>{(message.regions ?? []).map(regionName).join('; ')}</Fact>
        <Fact name={t('compose.incident')}>{message.incident}</Fact>
        <Fact name={t('message.references')}>
          {(message.references ?? []).length === 0
            ? ''
            : message.references!.map((reference, index) => (
                <span key={reference}>
                  {index > 0 && ', '}
                  <Link to={`/messages/${encodeURIComponent(reference)}`}>{reference}</Link>
                </span>
              ))}
        </Fact>
        <Fact name={t('compose.addresseeNodes')}>{list(message.addressees?.nodes)}</Fact>
        <Fact name={t('compose.addresseeGroups')}>{list(message.addressees?.groups)}</Fact>
        <Fact name={t('compose.handlingCode')}>
          {message.handling?.code === undefined ? '' : enumLabel(t, 'handlingCode', message.handling.code)}
        </Fact>
        <Fact name={t('compose.restrictions')}>{message.handling?.restrictions}</Fact>
      </Facts>
    </section>
  );
}

/** The source's reliability and the information's credibility (Europol's 4x4), in words. */
export function MessageEvaluation(props: { message: AnyMessage }) {
  const { t } = useTranslation();
  const evaluation = props.message.evaluation;
  if (evaluation === undefined) return null;
  return (
    <section aria-labelledby="evaluation-title" className="desk-section">
      <h2 id="evaluation-title">{t('compose.evaluation')}</h2>
      <Facts>
        <Fact name={t('compose.sourceReliability')}>
          {enumLabel(t, 'sourceReliability', evaluation.source)}
        </Fact>
        <Fact name={t('compose.informationCredibility')}>
          {enumLabel(t, 'informationReliability', evaluation.information)}
        </Fact>
      </Facts>
    </section>
  );
}

/** A notice's details for its kind: the weapon to trace, the operation, the meeting, the impact change. */
export function NoticeDetails(props: { message: AnyMessage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { trace, operation, meeting, impactChange } = props.message;
  const when = (value: string | undefined) => (value === undefined ? '' : formatDateTime(value, language));
  if (trace === undefined && operation === undefined && meeting === undefined && impactChange === undefined) {
    return null;
  }
  return (
    <section aria-labelledby="details-title" className="desk-section">
      <h2 id="details-title">{t('message.details')}</h2>
      <Facts>
        {trace !== undefined && (
          <>
            <Fact name={t('items.weapon')}>
              {[
                enumLabel(t, 'weaponType', trace.item?.type),
                trace.item?.make,
                trace.item?.model,
                trace.item?.calibre,
              ]
                .filter((part) => part !== undefined && part !== '')
                .join(' · ')}
            </Fact>
            <Fact name={t('items.serialNumber')}>{trace.item?.serialNumber}</Fact>
            <Fact name={t('items.markings')}>{trace.item?.markings}</Fact>
            <Fact name={t('notice.illicitNature')}>{trace.illicitNature}</Fact>
            <Fact name={t('notice.intendedUse')}>{trace.intendedUse}</Fact>
            <Fact name={t('notice.seizureAlert')}>
              {trace.seizureAlert === undefined || trace.seizureAlert === '' ? (
                ''
              ) : (
                <Link to={`/messages/${encodeURIComponent(trace.seizureAlert)}`}>{trace.seizureAlert}</Link>
              )}
            </Fact>
          </>
        )}
        {operation !== undefined && (
          <>
            <Fact name={t('notice.operationName')}>{operation.name}</Fact>
            <Fact name={t('notice.operationGroup')}>{operation.group}</Fact>
            <Fact name={t('notice.starts')}>{when(operation.starts)}</Fact>
            <Fact name={t('notice.ends')}>{when(operation.ends)}</Fact>
          </>
        )}
        {meeting !== undefined && (
          <>
            <Fact name={t('notice.starts')}>{when(meeting.starts)}</Fact>
            <Fact name={t('notice.ends')}>{when(meeting.ends)}</Fact>
            <Fact name={t('notice.location')}>{meeting.location}</Fact>
          </>
        )}
        {impactChange !== undefined && (
          <>
            <Fact name={t('notice.section')}>{impactChange.borderSection}</Fact>
            <Fact name={t('notice.impactFrom')}>{enumLabel(t, 'impactLevel', impactChange.from)}</Fact>
            <Fact name={t('notice.impactTo')}>{enumLabel(t, 'impactLevel', impactChange.to)}</Fact>
          </>
        )}
      </Facts>
    </section>
  );
}
