import { useEffect, useState } from "react";

export type ToastMessage = {
  kind: "success" | "info" | "error";
  title: string;
  description?: string;
  link?: string;
};

/** Shows the toast of the last successful action; it fades after a few seconds or on dismiss. */
export function Toaster({ toast }: { toast: ToastMessage | null }) {
  const [visible, setVisible] = useState<ToastMessage | null>(toast);
  useEffect(() => {
    setVisible(toast);
    if (!toast || toast.link) return; // a toast with a link stays until dismissed
    const timer = setTimeout(() => setVisible(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div className="toaster" aria-live="polite" role="status">
      {visible ? (
        <div className={`toast toast-${visible.kind}`}>
          <div>
            <p className="toast-title">{visible.title}</p>
            {visible.description ? <p className="toast-description">{visible.description}</p> : null}
            {visible.link ? (
              <p className="toast-link" data-testid="toast-link">
                {visible.link}
              </p>
            ) : null}
          </div>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setVisible(null)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
