// Rules every landing template shares, after the site sheet and before the template's own. The
// colours named here are in BASE_PALETTE, which a test checks for 4.5:1.

export const BASE_PALETTE: ReadonlyArray<readonly [string, string]> = [
  ['#3d2e00', '#fff4ce'], // preview banner
  ['#a3132b', '#ffffff'], // fully booked
  ['#8a4b00', '#ffffff'], // few seats left
  ['#545b66', '#ffffff'], // muted text
  ['#545b66', '#f7f7f5'],
  ['#1b1f24', '#f7f7f5'],
];

export const BASE_CSS = `
body{overflow-x:hidden}
h1,h2,h3,p,li,dd{overflow-wrap:break-word}
.preview-banner{background:#fff4ce;color:#3d2e00;border-bottom:3px solid #3d2e00;padding:.75rem 0;font-size:.95rem}
.site-header .wrap{flex-wrap:wrap}
.site-name{display:inline-flex;align-items:center;min-height:44px;color:inherit}
.site-name .logo{height:2.5rem;width:auto;max-width:12rem;object-fit:contain}
.hero-img{width:100%;height:auto;aspect-ratio:16/9;object-fit:cover}
.btn{text-align:center}
.on-brand{background:var(--brand);color:var(--brand-ink)}
.on-brand a:not(.btn){color:var(--brand-ink)}
.on-brand a:focus-visible,.on-brand .btn:focus-visible{outline-color:var(--brand-ink)}
.btn-invert{background:var(--brand-ink);color:var(--brand);border-color:var(--brand-ink)}
.btn-accent{background:var(--accent);color:var(--accent-ink);border-color:var(--accent)}
.seats{font-weight:650}
.seats-low{color:#8a4b00}
.seats-full{color:#a3132b}
.tba{font-style:italic}
.social{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:0 0 1rem}
.social a{position:relative;display:inline-flex;align-items:center;min-height:44px;padding:0 1rem;border:2px solid currentColor;border-radius:999px;text-decoration:none;font-weight:650}
.social a:hover{text-decoration:underline}
.site-footer{margin-top:0}
.site-footer a{color:inherit}
.empty{padding:2rem 1.5rem;text-align:center;border:2px dashed #8a919c;border-radius:var(--radius);background:#ffffff}
.empty h3{margin-top:0}
.bio p:last-child{margin-bottom:0}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;
