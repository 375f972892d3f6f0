import { useTranslation } from 'react-i18next';
import { displayNameOf, useAuth } from '../../../../libs/web/src/auth/auth-context';
import { LanguageSwitcher } from '../../../../libs/web/src/i18n/language-switcher';
import { useMe } from '../api/use-me';

/** The banner's end: who is signed in (name, roles, clearance as the node sees them), language, sign out. */
export function PersonHeader() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const me = useMe();
  const person = user?.profile.sub;
  const name = me.data?.name ?? displayNameOf(user) ?? '';
  return (
    <>
      {user !== null && (
        <p className="desk-person" data-testid="person">
          <span className="bl-visually-hidden">{t('web.auth.signedInAs', { name })}</span>
          <span aria-hidden="true">{name}</span>
          {me.data !== undefined && (
            <span className="desk-person-roles">
              {' · '}
              {t('person.roles')}: {me.data.roles.map((role) => t(`roles.${role}`)).join(', ')}
              {' · '}
              {t('person.clearance')}: {t(`clearances.${me.data.clearance}`)}
            </span>
          )}
        </p>
      )}
      <LanguageSwitcher person={person} />
      {user !== null && (
        <button type="button" className="desk-on-band" onClick={() => void signOut()}>
          {t('web.auth.signOut')}
        </button>
      )}
    </>
  );
}
