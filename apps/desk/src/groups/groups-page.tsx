import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError } from '../../../../libs/web/src/http/http-errors';
import { dataOf, useNodeClient } from '../api/node-client';
import type { GroupView } from '../api/node-types';
import { useHasRole } from '../api/use-me';
import { useReference } from '../api/use-reference';
import { useDeskNode } from '../app/desk-node';
import { errorText } from '../common/error-text';
import { CheckedForm } from '../common/form/checked-form';
import { CheckboxGroup, TextField } from '../common/form/fields';
import { useFormErrors } from '../common/form/form-errors';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';
import { useGroups } from './use-groups';

function useGroupChange<Input>(send: (input: Input) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['groups'] }),
  });
}

/** A group this node owns: its supervisors admit and remove members (never the owner). */
function GroupMembers(props: { group: GroupView; manage: boolean }) {
  const { t } = useTranslation();
  const client = useNodeClient();
  const reference = useReference();
  const addId = useId();
  const [node, setNode] = useState('');
  const { group } = props;
  const admit = useGroupChange(async (member: string) =>
    dataOf(
      await client.POST('/v1/groups/{id}/members', {
        params: { path: { id: group.group } },
        body: { node: member },
      }),
    ),
  );
  const remove = useGroupChange(async (member: string) =>
    dataOf(
      await client.DELETE('/v1/groups/{id}/members/{node}', {
        params: { path: { id: group.group, node: member } },
      }),
    ),
  );
  const candidates = (reference.data?.nodes ?? []).filter((entry) => !group.members.includes(entry.id));
  const error = admit.error ?? remove.error;
  return (
    <>
      <ul className="desk-plain-list">
        {group.members.map((member) => (
          <li key={member}>
            {member}
            {member === group.owner && ` (${t('groups.owner')})`}
            {props.manage && member !== group.owner && (
              <>
                {' '}
                <button type="button" disabled={remove.isPending} onClick={() => remove.mutate(member)}>
                  {t('groups.remove', { node: member })}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {props.manage && (
        <form
          className="desk-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (node !== '') admit.mutate(node);
          }}
        >
          <div className="desk-field">
            <label htmlFor={addId}>{t('groups.addMember')}</label>
            <select id={addId} value={node} onChange={(e) => setNode(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {candidates.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name} ({entry.id})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={admit.isPending || node === ''}>
            {t('groups.admit')}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite">
        {admit.isSuccess || remove.isSuccess ? t('groups.changeSent') : ''}
      </p>
      {error !== null && (
        <p role="alert" className="desk-error">
          {errorText(t, error)}
        </p>
      )}
    </>
  );
}

/** Opening a closed user group (one per operation), owned by this node, with its first members. */
function OpenGroupForm() {
  const { t } = useTranslation();
  const client = useNodeClient();
  const reference = useReference();
  const own = useDeskNode();
  const errors = useFormErrors();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const open = useGroupChange(async () =>
    dataOf(await client.POST('/v1/groups', { body: { id, name, members } })),
  );
  return (
    <section aria-labelledby="open-group-title" className="desk-section">
      <h2 id="open-group-title">{t('groups.open')}</h2>
      <CheckedForm
        errors={errors}
        error={open.error}
        onSubmit={() => {
          errors.setViolations([]);
          open.mutate(undefined, {
            onError: (error) => errors.setViolations(error instanceof HttpError ? error.violations : []),
          });
        }}
      >
        <TextField path="id" label={t('groups.id')} hint={t('groups.idHint')} value={id} onChange={setId} />
        <TextField path="name" label={t('groups.name')} value={name} onChange={setName} />
        <CheckboxGroup
          path="members"
          legend={t('groups.members')}
          options={(reference.data?.nodes ?? [])
            .filter((node) => node.id !== own)
            .map((node) => ({ value: node.id, label: `${node.name} (${node.id})` }))}
          values={members}
          onChange={setMembers}
        />
        <button type="submit" disabled={open.isPending}>
          {t('groups.openButton')}
        </button>
      </CheckedForm>
      <p role="status" aria-live="polite">
        {open.isSuccess ? t('groups.changeSent') : ''}
      </p>
    </section>
  );
}

/** The closed user groups this node knows, their members, and for supervisors their management. */
export function GroupsPage() {
  const { t } = useTranslation();
  usePageTitle(t('groups.title'));
  const groups = useGroups();
  const supervisor = useHasRole('supervisor');
  const own = useDeskNode();
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">{t('groups.title')}</h1>
      <QueryStatus isPending={groups.isPending} error={groups.error} />
      {groups.data !== undefined && groups.data.length === 0 && <p>{t('groups.none')}</p>}
      <ul className="desk-cards">
        {(groups.data ?? []).map((group) => (
          <li key={group.group} className="desk-card">
            <h2>
              {group.name} <span className="desk-muted">({group.group})</span>
            </h2>
            <p>{t('groups.ownedBy', { owner: group.owner })}</p>
            <GroupMembers group={group} manage={supervisor && group.owner === own} />
          </li>
        ))}
      </ul>
      {supervisor && <OpenGroupForm />}
    </section>
  );
}
