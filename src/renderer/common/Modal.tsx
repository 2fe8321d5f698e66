import { useLayoutEffect, useRef, type ReactNode } from 'react';
import './modal.css';

interface ModalProps {
  /** The dialog's accessible name. */
  readonly label: string;
  /** `alertdialog` for confirmations that interrupt (a delete); plain `dialog` otherwise. */
  readonly role?: 'dialog' | 'alertdialog';
  /** Escape pressed (the dialog's `cancel` event), or the backdrop clicked when `closeOnBackdrop`. */
  readonly onCancel: () => void;
  readonly closeOnBackdrop?: boolean;
  readonly children: ReactNode;
}

/**
 * A native modal `<dialog>`, open for as long as it is rendered. `showModal()` makes the rest of the
 * window inert and keeps Tab inside; closing it on unmount hands focus back to where it was. The first
 * element marked `data-autofocus` gets focus, else the browser picks the first focusable one.
 */
export function Modal({ label, role, onCancel, closeOnBackdrop = false, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Test DOMs (happy-dom, jsdom) may lack showModal; an open dialog is enough there.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      // Runs while the dialog is still in the document, so close() can restore focus.
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="modal-dialog"
      role={role}
      aria-label={label}
      onCancel={(event) => {
        // React owns whether the dialog exists: ask the owner to unmount it rather than closing here.
        event.preventDefault();
        onCancel();
      }}
      onMouseDown={(event) => {
        // The dialog element is an invisible frame around the box, so a press on it is on the backdrop.
        if (closeOnBackdrop && event.target === event.currentTarget) onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
