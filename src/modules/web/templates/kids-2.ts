import { escapeHtml as e } from '../../../lib/html.ts';
import type { LandingModel, WorkshopItem } from '../landing-model.ts';
import {
  avatarImage,
  bio,
  bookLink,
  brandLink,
  ctaLink,
  emptyState,
  heroImage,
  heroSrc,
  type LandingTemplate,
  nextTimeIn,
  previewBanner,
  seatsBadge,
  siteFooter,
  skipLink,
  taughtIn,
} from './parts.ts';

// Bright and bold: heavy upper-case type, flat full-width colour blocks, the teacher before the
// classes, and the classes as a zig-zag of blocks (brand, sunshine yellow, white) each with a
// tilted price sticker. Short, energetic copy.

const YELLOW = '#ffd43b';
const INK = '#111418';

const css = `
body.tpl-kids_2{--bg:#ffffff;--radius:0;--font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--heading-font:"Arial Black","Segoe UI Black","Helvetica Neue",system-ui,sans-serif;font-size:1.1rem}
.tpl-kids_2 h1,.tpl-kids_2 h2{text-transform:uppercase;font-weight:900;letter-spacing:-.01em}
.tpl-kids_2 .site-header{border-bottom:0}
.tpl-kids_2 .site-header .wrap{justify-content:space-between}
.tpl-kids_2 .site-name{font-weight:900;font-size:1.25rem;text-transform:uppercase}
.k2-btn{background:${INK};color:#ffffff;border-color:${INK};border-radius:0;box-shadow:4px 4px 0 ${YELLOW}}
.k2-btn:focus-visible{outline-color:${INK}}
.on-brand .k2-btn,.k2-hero-text .k2-btn{background:#ffffff;color:${INK};border-color:${INK};box-shadow:4px 4px 0 ${INK}}
.k2-hero{display:grid}
@media (min-width:52rem){.k2-hero.has-media{grid-template-columns:1.2fr 1fr}}
.k2-hero-text{background:var(--accent);color:var(--accent-ink);padding:clamp(2rem,6vw,4.5rem) clamp(1.25rem,5vw,4rem)}
.k2-hero-text a:focus-visible{outline-color:var(--accent-ink)}
.k2-hero h1{font-size:clamp(2.3rem,8vw,4.6rem);line-height:1.02;margin-bottom:1.5rem}
.k2-hero-media{min-height:16rem;background:${YELLOW}}
.k2-hero-media .hero-img{height:100%;aspect-ratio:auto;min-height:16rem}
.k2-strip{background:${YELLOW};color:${INK};font-weight:800;font-size:clamp(1.1rem,3vw,1.5rem);padding:1.1rem 0;border-top:4px solid ${INK};border-bottom:4px solid ${INK}}
.k2-strip p{margin:0}
.k2-teacher{padding:3rem 0}
.k2-teacher-inner{display:grid;gap:2rem;align-items:center}
@media (min-width:44rem){.k2-teacher-inner.has-avatar{grid-template-columns:14rem 1fr}}
.k2-avatar{width:14rem;height:14rem;object-fit:cover;border:8px solid #ffffff;transform:rotate(-3deg);margin:0 auto}
.k2-teacher h2{margin-top:0}
.k2-classes{padding:3rem 0 0}
.k2-classes h2{font-size:clamp(1.9rem,6vw,3rem);margin:0 0 1.5rem}
.k2-classes h2 span{background:${YELLOW};color:${INK};padding:0 .3em;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.k2-list{list-style:none;margin:0;padding:0}
.k2-block{padding:2.25rem 0;border-top:4px solid ${INK}}
.k2-block:nth-child(3n+1){background:${YELLOW};color:${INK}}
.k2-block:nth-child(3n+2){background:#ffffff;color:${INK}}
.k2-block-inner{display:grid;gap:1.25rem 2.5rem;align-items:center}
@media (min-width:44rem){.k2-block-inner{grid-template-columns:10rem 1fr}.k2-block:nth-child(even) .k2-block-inner{grid-template-columns:1fr 10rem}.k2-block:nth-child(even) .k2-sticker{order:2}}
.k2-sticker{display:flex;align-items:center;justify-content:center;text-align:center;width:9rem;height:9rem;border-radius:50%;background:${INK};color:#ffffff;font-weight:900;font-size:1.35rem;line-height:1.1;transform:rotate(-8deg);padding:.5rem}
.k2-block:nth-child(even) .k2-sticker{transform:rotate(7deg)}
@media (max-width:43.99rem){.k2-sticker{width:6.5rem;height:6.5rem;font-size:1.1rem}}
.on-brand .k2-sticker{background:#ffffff;color:${INK}}
.k2-block h3{font-family:var(--heading-font);font-size:clamp(1.4rem,4vw,1.9rem);text-transform:uppercase}
.k2-facts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem}
.k2-facts li,.k2-block .seats{display:inline-block;background:#ffffff;color:${INK};border:2px solid ${INK};padding:.15rem .7rem;font-weight:800;font-size:.95rem}
.k2-block .seats-full{color:#a3132b}
.k2-block .seats-low{color:#8a4b00}
.tpl-kids_2 .empty{border:4px solid ${INK};border-radius:0;margin:0 1.25rem 3rem}
.tpl-kids_2 .site-footer{background:${INK};color:${YELLOW};border-top:0}
.tpl-kids_2 .site-footer a:focus-visible{outline-color:${YELLOW}}
`;

function block(m: LandingModel, w: WorkshopItem, index: number): string {
  const { tr } = m;
  const brand = index % 3 === 2 ? ' on-brand' : '';
  const facts = [w.duration, w.where, tr.t('landing.withTeacher', { name: w.teacher.name })].filter(
    (f): f is string => Boolean(f),
  );
  return `<li class="k2-block${brand}"><div class="wrap k2-block-inner">
<p class="k2-sticker">${e(w.free ? tr.t('landing.kids2.free') : w.price)}</p>
<div><h3>${e(w.title)}</h3>${w.summary ? `<p>${e(w.summary)}</p>` : ''}
<ul class="k2-facts">${facts.map((f) => `<li>${e(f)}</li>`).join('')}</ul>
<p>${nextTimeIn(m, w, 'landing.kids2.nextUp')} ${seatsBadge(w)}</p>
${taughtIn(m, w, '')}${bookLink(m, w, 'btn k2-btn')}</div>
</div></li>`;
}

function teacher(m: LandingModel): string {
  if (!m.bio) return '';
  const photo = m.avatarUrl
    ? avatarImage(m, m.avatarUrl, {
        className: 'k2-avatar',
        size: 448,
        sizes: '14rem',
        alt: m.tr.t('landing.yourTeacherAt', { school: m.schoolName }),
        lazy: true,
      })
    : '';
  return `<section class="k2-teacher on-brand" id="about" aria-labelledby="teacher-title"><div class="wrap k2-teacher-inner${photo ? ' has-avatar' : ''}">${photo}<div><h2 id="teacher-title">${m.tr.html('landing.kids2.meetTeacher')}</h2><div class="bio">${bio(m)}</div></div></div></section>`;
}

export const kids2: LandingTemplate = {
  id: 'kids_2',
  css,
  surfaces: ['#ffffff'],
  palette: [
    [INK, YELLOW],
    [INK, '#ffffff'],
    ['#ffffff', INK],
    [YELLOW, INK],
    ['#a3132b', '#ffffff'],
    ['#8a4b00', '#ffffff'],
  ],
  leadImage: heroSrc,
  body(m) {
    const { tr } = m;
    const photo = heroImage(m, 'k2-photo', '(min-width: 52rem) 46vw, 100vw');
    const classes =
      m.workshops.length > 0
        ? `<ol class="k2-list">${m.workshops.map((w, i) => block(m, w, i)).join('')}</ol>`
        : emptyState(tr.t('landing.kids2.emptyTitle'), tr.t('landing.kids2.emptyText'));
    return `${skipLink(m)}${previewBanner(m)}
<header class="site-header on-brand"><div class="wrap">${brandLink(m)}${ctaLink(m, 'btn k2-btn')}</div></header>
<main id="main">
<section class="k2-hero${photo ? ' has-media' : ''}" aria-labelledby="page-title">
<div class="k2-hero-text"><h1 id="page-title">${e(m.title)}</h1>${ctaLink(m, 'btn k2-btn')}</div>
${photo ? `<div class="k2-hero-media">${photo}</div>` : ''}
</section>
<div class="k2-strip"><div class="wrap"><p>${e(m.subtitle ?? tr.t('landing.kids2.strip', { school: m.schoolName }))}</p></div></div>
${teacher(m)}
<section class="k2-classes" id="workshops" aria-labelledby="classes-title"><div class="wrap"><h2 id="classes-title"><span>${tr.html('landing.kids2.ourClasses')}</span></h2></div>${classes}</section>
</main>
${siteFooter(m, tr.t('landing.kids2.footer', { school: m.schoolName }))}`;
  },
};
