import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal question before an action that cannot be undone: the browser's own <dialog>, which keeps
 * focus inside, makes the page behind inert and closes on Escape. Cancel comes first and takes the
 * focus, so a stray Enter does nothing harmful.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const { open } = props;

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // The parent owns `open`: Escape asks it to close rather than closing behind its back.
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div id={bodyId}>{props.children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button type="button" className="button-danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
