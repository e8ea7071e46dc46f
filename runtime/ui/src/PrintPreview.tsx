/**
 * A document's official A4 HTML on a sheet of A4 paper with the page margins, scaled to the
 * width available: the platform's print view (what an issued document prints), or HTML the
 * page rendered itself with @yifa/engine's printHtml from values not yet saved.
 */
import { useEffect, useRef, useState } from 'react';

/** Props of PrintPreview. */
export interface PrintPreviewProps {
  /** URL of the print HTML (GET /api/v1/documents/{id}/print). */
  src?: string;
  /** The print HTML itself, instead of a URL (shown in a sandbox: no scripts). */
  html?: string;
  title: string;
  /** Changes reload the view (e.g. the document's updatedAt). */
  version?: string;
}

const MM = 96 / 25.4;
const PAGE = { width: 210 * MM, top: 37 * MM, right: 26 * MM, bottom: 35 * MM, left: 28 * MM };

/** A4 preview of a document. */
export function PrintPreview({ src, html, title, version }: PrintPreviewProps) {
  const box = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [scale, setScale] = useState(1);
  const [height, setHeight] = useState(297 * MM - PAGE.top - PAGE.bottom);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fit = () => setScale(Math.min(1, el.clientWidth / PAGE.width));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onLoad = () => {
    const doc = frame.current?.contentDocument;
    if (doc) setHeight(Math.max(doc.documentElement.scrollHeight, 297 * MM - PAGE.top - PAGE.bottom));
  };
  const paperHeight = height + PAGE.top + PAGE.bottom;

  return (
    <div
      ref={box}
      style={{ width: '100%', height: paperHeight * scale, overflow: 'hidden' }}
      data-testid="print-preview"
    >
      <div
        style={{
          width: PAGE.width,
          height: paperHeight,
          padding: `${PAGE.top}px ${PAGE.right}px ${PAGE.bottom}px ${PAGE.left}px`,
          boxSizing: 'border-box',
          background: '#fff',
          boxShadow: '0 1px 6px rgba(0,0,0,0.25)',
          transform: `scale(${scale})`,
          transformOrigin: 'top left',
        }}
      >
        <iframe
          ref={frame}
          key={version}
          {...(html === undefined ? { src } : { srcDoc: html, sandbox: 'allow-same-origin' })}
          title={title}
          onLoad={onLoad}
          style={{ width: '100%', height, border: 0, display: 'block' }}
        />
      </div>
    </div>
  );
}
