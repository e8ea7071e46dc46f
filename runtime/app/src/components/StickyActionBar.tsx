/**
 * Actions kept at the bottom of a phone's screen (a save button) while the form above scrolls.
 * The bar sits in the flow at the very end of the page, so scrolled to the end the last row is
 * above it, never under it; and while it is shown the page's bottom scroll padding is the bar's
 * height, so a field the browser scrolls into view (on focus, or to show an error) stops above
 * the bar instead of behind it. It keeps clear of a phone's home indicator (safe-area inset).
 */
import { type ReactNode, useEffect, useRef } from 'react';

/** How far the page's padding (Layout.Content on a phone) is from the screen's edges. */
const PAGE_PADDING = 8;

/**
 * A sticky bar of actions at the foot of a phone page.
 *
 * @example
 * <StickyActionBar><Button block type="primary">保存</Button></StickyActionBar>
 */
export function StickyActionBar({ children }: { children: ReactNode }) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const root = document.documentElement;
    const pad = () => {
      root.style.scrollPaddingBottom = `${el.offsetHeight + PAGE_PADDING}px`;
    };
    pad();
    const observer = new ResizeObserver(pad);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBottom = '';
    };
  }, []);
  return (
    <div
      ref={bar}
      data-testid="sticky-actions"
      style={{
        position: 'sticky',
        bottom: 0,
        // Edge to edge, down to the bottom of the page (over the page's own padding).
        margin: `${PAGE_PADDING}px -${PAGE_PADDING}px -${PAGE_PADDING}px`,
        padding: `8px 12px calc(8px + env(safe-area-inset-bottom, 0px))`,
        background: '#fff',
        boxShadow: '0 -2px 8px rgba(0,0,0,0.12)',
        zIndex: 20,
      }}
    >
      {children}
    </div>
  );
}
