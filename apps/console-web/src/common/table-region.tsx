import { useId, type ReactNode } from 'react';

/**
 * A table that may be wider than the screen: scrolls sideways inside a region named by the table's
 * caption, focusable so that keyboard users can scroll it too.
 */
export function TableRegion(props: {
  caption: ReactNode;
  children: ReactNode;
  className?: string;
  /** Under a heading that says the same: the caption names the table for screen readers only. */
  captionHidden?: boolean;
}) {
  const captionId = useId();
  return (
    <div className="table-region" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={props.className}>
        <caption id={captionId} className={props.captionHidden === true ? 'bl-visually-hidden' : undefined}>
          {props.caption}
        </caption>
        {props.children}
      </table>
    </div>
  );
}

/** A table's head: a column header for each key, named by `label(key)`. */
export function ColumnHeads(props: { keys: readonly string[]; label: (key: string) => string }) {
  return (
    <thead>
      <tr>
        {props.keys.map((key) => (
          <th key={key} scope="col">
            {props.label(key)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
