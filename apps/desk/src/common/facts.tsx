import type { ReactNode } from 'react';

/** A list of facts, name and value, as a description list of groups. */
export function Facts(props: { children: ReactNode }) {
  return <dl className="desk-facts">{props.children}</dl>;
}

/** One fact; nothing when its value is empty. */
export function Fact(props: { name: string; children: ReactNode }) {
  if (props.children === undefined || props.children === null || props.children === '') return null;
  return (
    <div className="desk-fact">
      <dt>{props.name}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
