import { useTranslation } from 'react-i18next';
import { useReference } from '../api/use-reference';
import { useDeskNode } from '../app/desk-node';
import { CheckboxGroup, FieldGroup } from '../common/form/fields';
import { useGroups } from '../groups/use-groups';

/** The nodes and closed user groups the message is addressed to (besides its region's subscribers). */
export function AddresseesFields(props: {
  nodes: string[];
  groups: string[];
  hint: string;
  onChange: (change: { nodes?: string[]; groups?: string[] }) => void;
}) {
  const { t } = useTranslation();
  const reference = useReference();
  const groups = useGroups();
  // The desk's own node is never an addressee: a sender receives nothing of its own.
  const own = useDeskNode();
  return (
    <FieldGroup path="addressees" legend={t('compose.addressees')} hint={props.hint}>
      <CheckboxGroup
        path="addressees.nodes"
        legend={t('compose.addresseeNodes')}
        options={(reference.data?.nodes ?? [])
          .filter((node) => node.id !== own)
          .map((node) => ({ value: node.id, label: `${node.name} (${node.id})` }))}
        values={props.nodes}
        onChange={(nodes) => props.onChange({ nodes })}
      />
      {(groups.data ?? []).length > 0 && (
        <CheckboxGroup
          path="addressees.groups"
          legend={t('compose.addresseeGroups')}
          options={(groups.data ?? []).map((group) => ({
            value: group.group,
            label: `${group.name} (${group.group})`,
          }))}
          values={props.groups}
          onChange={(groups) => props.onChange({ groups })}
        />
      )}
    </FieldGroup>
  );
}
