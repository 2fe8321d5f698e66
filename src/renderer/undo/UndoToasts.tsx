import { useEffect } from 'react';
import { X } from 'lucide-react';
import { undoDeletion } from '../workflows';
import { UNDO_OFFER_MS, useUndoStore, type UndoOffer } from './store';
import './undo.css';

function UndoToast({ offer }: { readonly offer: UndoOffer }) {
  const dismiss = useUndoStore((s) => s.dismiss);
  useEffect(() => {
    // A failed undo stays until read; an offer goes by itself.
    if (offer.error) return;
    const timer = setTimeout(() => dismiss(offer.undoId), UNDO_OFFER_MS);
    return () => clearTimeout(timer);
  }, [offer.undoId, offer.error, dismiss]);
  return (
    <div className="undo-toast">
      <span className="undo-text">{offer.error ?? offer.text}</span>
      {/* After a failure too: undoing what it depends on (its collection) first lets it succeed. */}
      <button type="button" className="undo-button" onClick={() => void undoDeletion(offer.undoId)}>
        {offer.error ? 'Try again' : 'Undo'}
      </button>
      <button
        type="button"
        className="icon"
        aria-label={`Dismiss: ${offer.text}`}
        onClick={() => dismiss(offer.undoId)}
      >
        <X size={14} aria-hidden />
      </button>
    </div>
  );
}

/** "Deleted … Undo" notes at the bottom of the window, one per recent deletion. */
export function UndoToasts() {
  const offers = useUndoStore((s) => s.offers);
  return (
    // A live region, not role=status: the window's one status is the send in progress.
    <section className="undo-toasts" aria-live="polite" aria-label="Undo">
      {offers.map((offer) => (
        <UndoToast key={offer.undoId} offer={offer} />
      ))}
    </section>
  );
}
