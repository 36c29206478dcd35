import { escapeHtml as e } from '../../../lib/html.ts';
import { trustedHtml } from '../../../lib/i18n/translator.ts';
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
  lowestPrice,
  nextTime,
  previewBanner,
  seatsBadge,
  siteFooter,
  skipLink,
  taughtIn,
} from './parts.ts';

// Institutional: a navigation bar, a brand-coloured hero with the image beside the heading, a
// strip of key figures, the courses as a grid of cards, "About us" on a tinted band, a dark footer.

const css = `
body.tpl-education{--heading-font:Georgia,Cambria,"Times New Roman",Times,serif}
.tpl-education .site-header .wrap{justify-content:space-between;min-height:4.5rem}
.edu-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:0;padding:0}
.edu-nav a{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;font-weight:600;color:var(--text);text-decoration:none}
.edu-nav a:hover{text-decoration:underline}
.edu-hero{padding:3.5rem 0 4rem}
.edu-hero-grid{display:grid;gap:2.5rem;align-items:center}
@media (min-width:52rem){.edu-hero-grid.has-media{grid-template-columns:1.1fr 1fr}}
.edu-eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:.85rem;font-weight:700;margin-bottom:.75rem}
.edu-hero h1{font-size:clamp(2rem,5.5vw,3.2rem);margin-bottom:.75rem}
.edu-lead{font-size:1.2rem;max-width:36rem}
.edu-hero .btn{margin-top:.5rem}
.edu-hero-img{border-radius:6px;box-shadow:0 12px 30px rgb(0 0 0/.25)}
.edu-stats{background:#ffffff;border-bottom:1px solid var(--line)}
.edu-stats ul{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem 3rem;margin:0;padding:1.25rem 0}
.edu-stats li{color:#545b66;font-size:.9rem}
.edu-stats strong{display:block;font-family:var(--heading-font);font-size:1.35rem;color:var(--brand-text)}
.edu-courses{padding-top:1rem;padding-bottom:3.5rem}
.edu-courses>p{color:#545b66}
.edu-card{border-top:4px solid var(--brand);border-radius:4px}
.edu-card h3{font-size:1.25rem}
.edu-tags{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 .6rem;min-height:1.6rem}
.badge-plain{background:#ffffff;color:#1b1f24;border:1px solid #1b1f24}
.edu-desc{color:#545b66}
.edu-facts{display:grid;grid-template-columns:1fr 1fr;gap:.6rem 1rem;margin:0 0 .75rem;font-size:.95rem}
.edu-facts div{min-width:0}
.edu-facts .wide{grid-column:1/-1}
.edu-facts dt{font-size:.75rem;text-transform:uppercase;letter-spacing:.06em;color:#545b66;font-weight:700}
.edu-facts dd{margin:0}
.edu-teacher{font-size:.95rem;color:#545b66;margin:0}
.edu-about{background:var(--tint);padding:3rem 0}
.edu-about-grid{display:grid;gap:1.5rem;align-items:start}
@media (min-width:44rem){.edu-about-grid.has-avatar{grid-template-columns:10rem 1fr}}
.edu-about h2{margin-top:0}
.edu-about-text{max-width:44rem}
.edu-avatar{width:10rem;height:10rem;border-radius:6px;object-fit:cover}
.tpl-education .site-footer{background:#1b1f24;color:#e8eaed;border-top:0}
.tpl-education .site-footer a:focus-visible{outline-color:#ffffff}
`;

function card(m: LandingModel, w: WorkshopItem): string {
  const { tr } = m;
  const tags = [
    w.where ? `<span class="badge">${e(w.where)}</span>` : '',
    w.free ? `<span class="badge badge-plain">${tr.html('common.free')}</span>` : '',
  ].join('');
  return `<li><article class="card edu-card">
<p class="edu-tags">${tags}</p>
<h3>${e(w.title)}</h3>
${w.summary ? `<p class="edu-desc">${e(w.summary)}</p>` : ''}
<dl class="edu-facts">
<div><dt>${tr.html('landing.education.price')}</dt><dd class="price">${e(w.price)}</dd></div>
<div><dt>${tr.html('landing.education.duration')}</dt><dd>${e(w.duration)}</dd></div>
<div class="wide"><dt>${tr.html('landing.education.nextSession')}</dt><dd>${nextTime(m, w)}</dd></div>
${w.seats ? `<div class="wide"><dt>${tr.html('landing.education.availability')}</dt><dd>${seatsBadge(w)}</dd></div>` : ''}
</dl>
<p class="edu-teacher">${tr.html('landing.education.taughtBy', { name: w.teacher.name })}</p>
${taughtIn(m, w, 'edu-teacher')}
<div class="actions">${bookLink(m, w, 'btn btn-block')}</div>
</article></li>`;
}

function stats(m: LandingModel): string {
  if (m.workshops.length === 0) return '';
  const modes = new Set(m.workshops.flatMap((w) => w.modes));
  const { tr } = m;
  const where = tr.t(
    modes.size === 2
      ? 'landing.education.statBoth'
      : modes.has('onsite')
        ? 'landing.where.onsite'
        : 'landing.where.online',
  );
  const strong = (text: string) => trustedHtml(`<strong>${e(text)}</strong>`);
  const paid = m.workshops.filter((w) => !w.free);
  const sameCurrency = new Set(paid.map((w) => w.currency.toUpperCase())).size === 1;
  const low = sameCurrency ? lowestPrice(paid) : null;
  const items = [
    `<li>${tr.html('landing.education.statCourses', { count: m.workshops.length, number: strong(tr.number(m.workshops.length)) })}</li>`,
    modes.size > 0 ? `<li>${tr.html('landing.education.statWhere', { where: strong(where) })}</li>` : '',
    low
      ? `<li>${tr.html('landing.education.statPerSession', { from: strong(tr.t('landing.education.statFrom', { price: low.price })) })}</li>`
      : '',
    paid.length < m.workshops.length
      ? `<li>${tr.html('landing.education.statTryUs', { free: strong(tr.t('landing.education.statFree')) })}</li>`
      : '',
  ];
  return `<div class="edu-stats"><div class="wrap"><ul>${items.join('')}</ul></div></div>`;
}

function about(m: LandingModel): string {
  if (!m.bio) return '';
  const photo = m.avatarUrl
    ? avatarImage(m, m.avatarUrl, {
        className: 'edu-avatar',
        size: 320,
        sizes: '10rem',
        alt: m.tr.t('landing.teacherAt', { school: m.schoolName }),
        lazy: true,
      })
    : '';
  return `<section class="edu-about" id="about" aria-labelledby="about-title"><div class="wrap edu-about-grid${photo ? ' has-avatar' : ''}">${photo}<div class="edu-about-text"><h2 id="about-title">${m.tr.html('landing.education.aboutUs')}</h2><div class="bio">${bio(m)}</div></div></div></section>`;
}

export const education: LandingTemplate = {
  id: 'education',
  css,
  surfaces: ['#f7f7f5'],
  palette: [
    ['#e8eaed', '#1b1f24'],
    ['#ffffff', '#1b1f24'],
    ['#1b1f24', '#ffffff'],
    ['#545b66', '#f7f7f5'],
  ],
  leadImage: heroSrc,
  body(m) {
    const { tr } = m;
    const nav = `<nav class="edu-nav" aria-label="${tr.html('landing.education.nav')}"><ul><li><a href="#workshops">${tr.html('landing.education.courses')}</a></li>${m.bio ? `<li><a href="#about">${tr.html('landing.education.aboutUs')}</a></li>` : ''}</ul></nav>`;
    const hero = heroImage(m, 'edu-hero-img', '(min-width: 68rem) 30rem, (min-width: 52rem) 45vw, 100vw');
    const list =
      m.workshops.length > 0
        ? `<ul class="cards">${m.workshops.map((w) => card(m, w)).join('')}</ul>`
        : emptyState(tr.t('landing.education.emptyTitle'), tr.t('landing.education.emptyText'));
    return `${skipLink(m)}${previewBanner(m)}
<header class="site-header"><div class="wrap">${brandLink(m)}${nav}</div></header>
<main id="main">
<section class="edu-hero on-brand" aria-labelledby="page-title"><div class="wrap edu-hero-grid${hero ? ' has-media' : ''}">
<div><p class="edu-eyebrow">${e(m.schoolName)}</p><h1 id="page-title">${e(m.title)}</h1>${m.subtitle ? `<p class="edu-lead">${e(m.subtitle)}</p>` : ''}${ctaLink(m, 'btn btn-invert')}</div>
${hero ? `<div>${hero}</div>` : ''}
</div></section>
${stats(m)}
<section class="wrap edu-courses" id="workshops" aria-labelledby="courses-title">
<h2 id="courses-title">${tr.html('landing.education.ourCourses')}</h2>
${m.workshops.length > 0 ? `<p>${tr.html('landing.education.intro', { count: m.workshops.length })}</p>` : ''}
${list}
</section>
${about(m)}
</main>
${siteFooter(m, tr.t('landing.education.footer', { school: m.schoolName }))}`;
  },
};
