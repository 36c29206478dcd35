import type { Page } from 'playwright-core';

// Layout checks for narrow screens: a page must not scroll sideways on a phone.

export interface HorizontalOverflow {
  /** `document.documentElement.scrollWidth`: the width the page can be scrolled across. */
  scrollWidth: number;
  /**
   * The layout viewport's width (`document.documentElement.clientWidth`: on a phone the visual
   * viewport, `innerWidth`, grows to show content that is too wide).
   */
  viewportWidth: number;
  /**
   * Visible elements reaching past the right edge of the viewport (a short CSS-ish path each, at
   * most 10): where the overflow comes from, or content cut off by an `overflow-x: hidden` body.
   */
  offenders: string[];
}

export async function horizontalOverflow(page: Page): Promise<HorizontalOverflow> {
  return page.evaluate(() => {
    const viewportWidth = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const parts: string[] = [];
      for (let node: Element | null = el; node && parts.length < 3; node = node.parentElement) {
        const cls = Array.from(node.classList).slice(0, 2).join('.');
        parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${cls ? `.${cls}` : ''}`);
      }
      return parts.join(' > ');
    };
    const clippedBelowBody = (el: Element) => {
      for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || rect.right <= viewportWidth + 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Visually hidden text (clipped to a pixel) and off-screen skip links are not seen.
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || rect.width <= 1) continue;
      // Inside a box of its own that scrolls or clips (not the page's): that box is what counts.
      if (clippedBelowBody(el)) continue;
      offenders.push(`${describe(el)} (right edge ${Math.round(rect.right)} px)`);
      if (offenders.length >= 10) break;
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewportWidth, offenders };
  });
}

/**
 * Throws unless the page fits its viewport across (`scrollWidth <= width`) and nothing visible
 * reaches past its right edge (which an `overflow-x: hidden` body would cut off rather than
 * scroll). Call it after the page has loaded (and its script has rewritten times).
 */
export async function expectNoHorizontalScroll(page: Page, width: number): Promise<void> {
  const overflow = await horizontalOverflow(page);
  if (overflow.scrollWidth <= width && overflow.offenders.length === 0) return;
  throw new Error(
    `${page.url()} is wider than its ${width} px viewport: scrollWidth ${overflow.scrollWidth} px (viewport ${overflow.viewportWidth} px)${
      overflow.offenders.length > 0
        ? `; elements past the right edge:\n  - ${overflow.offenders.join('\n  - ')}`
        : ''
    }`,
  );
}
