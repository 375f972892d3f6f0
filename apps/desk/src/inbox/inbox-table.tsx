import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TlpLabel } from '../../../../libs/web/src/tlp/tlp-label';
import type { AnyMessage, InboxItem } from '../api/node-types';
import { enumLabel } from '../common/enum-label';
import { formatDateTime } from '../common/format';
import { itemLink } from '../common/item-title';
import { conditionOf } from './inbox-filter';

/** The received messages as a table: label, title (a link to the message), who, when, what, where it stands. */
export function InboxTable(props: { items: readonly InboxItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="desk-table-wrap">
      <table className="desk-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.columns.handling')}</th>
            <th scope="col">{t('inbox.columns.title')}</th>
            <th scope="col">{t('inbox.columns.kind')}</th>
            <th scope="col">{t('inbox.columns.sender')}</th>
            <th scope="col">{t('inbox.columns.received')}</th>
            <th scope="col">{t('inbox.columns.severity')}</th>
            <th scope="col">{t('inbox.columns.state')}</th>
            <th scope="col">{t('inbox.columns.verification')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => {
            const link = itemLink(t, item, language);
            const message = item.message as AnyMessage;
            const condition = conditionOf(item);
            return (
              <tr key={item.id} data-state={condition}>
                <td>
                  <TlpLabel tlp={item.handling} />
                </td>
                <th scope="row">
                  <Link to={link.to}>{link.title}</Link>
                </th>
                <td>{t(`kinds.${item.kind}`)}</td>
                <td>{item.sender}</td>
                <td>
                  <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt, language)}</time>
                </td>
                <td>{message.severity === undefined ? '' : enumLabel(t, 'severity', message.severity)}</td>
                <td>{t(`states.${condition}`)}</td>
                <td>
                  {item.verified ? (
                    <span className="desk-verified">{t('verification.verified')}</span>
                  ) : (
                    <span className="desk-unverified">
                      {t('verification.unverified')}
                      {item.verification === undefined ? '' : ` (${item.verification})`}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
