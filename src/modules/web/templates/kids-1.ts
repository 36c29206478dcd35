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
  initials,
  type LandingTemplate,
  nextTimeIn,
  previewBanner,
  seatsBadge,
  siteFooter,
  skipLink,
  taughtIn,
} from './parts.ts';

// Playful and soft: rounded type, big text, a wavy hero with floating bubbles, pastel cards with
// a letter badge, "Meet your teacher" in a speech-bubble, cheerful copy for children and parents.

const PASTELS = ['#fff1d6', '#e3f2ff', '#ffe6ee', '#e4f7e6'] as const;

const css = `
body.tpl-kids_1{--bg:#fffaf2;--radius:28px;--font:ui-rounded,"SF Pro Rounded","Arial Rounded MT Bold","Nunito","Varela Round",system-ui,sans-serif;--heading-font:var(--font);font-size:1.125rem}
.tpl-kids_1 .site-header{background:transparent;border-bottom:0}
.tpl-kids_1 .site-name{font-size:1.3rem}
.tpl-kids_1 .btn{padding:.85rem 1.6rem;font-size:1.1rem;box-shadow:0 4px 0 rgb(0 0 0/.18)}
.tpl-kids_1 .btn:active{transform:translateY(2px);box-shadow:0 2px 0 rgb(0 0 0/.18)}
.k1-hero{position:relative;overflow:hidden;background:var(--tint);padding:3rem 0 5rem;border-radius:0 0 50% 50%/0 0 3rem 3rem}
.k1-hero::before,.k1-hero::after{content:"";position:absolute;border-radius:50%;background:var(--accent);opacity:.18}
.k1-hero::before{width:14rem;height:14rem;top:-4rem;right:-3rem}
.k1-hero::after{width:9rem;height:9rem;bottom:1rem;left:-2.5rem;background:var(--brand)}
.k1-hero-inner{position:relative;display:grid;gap:2rem;align-items:center}
@media (min-width:52rem){.k1-hero-inner.has-media{grid-template-columns:1fr 1fr}}
.k1-wave{display:inline-block;background:#ffffff;color:#1b1f24;border-radius:999px;padding:.35rem 1rem;font-weight:700;margin-bottom:1rem}
.k1-hero h1{font-size:clamp(2.2rem,7vw,3.6rem);line-height:1.1}
.k1-lead{font-size:1.3rem}
.k1-photo{border-radius:42% 58% 55% 45%/50% 45% 55% 50%;border:8px solid #ffffff;aspect-ratio:1/1;max-width:26rem;margin:0 auto}
.k1-classes{padding-top:2.5rem;padding-bottom:3rem}
.k1-classes h2{text-align:center;font-size:clamp(1.7rem,5vw,2.4rem)}
.k1-classes>p{text-align:center;color:#4a4f57}
.k1-cards{list-style:none;margin:0;padding:0;display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr))}
.k1-card{height:100%;display:flex;flex-direction:column;border-radius:var(--radius);padding:1.5rem;color:#1b1f24;border:3px solid #1b1f24}
${PASTELS.map((colour, i) => `.k1-cards>li:nth-child(4n+${i + 1}) .k1-card{background:${colour}}`).join('\n')}
.k1-letter{display:flex;align-items:center;justify-content:center;width:3.5rem;height:3.5rem;border-radius:50%;background:var(--brand);color:var(--brand-ink);font-size:1.5rem;font-weight:800;margin-bottom:.75rem}
.k1-card h3{font-size:1.4rem}
.k1-chips{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:0 0 .75rem}
.k1-chips li{background:#ffffff;border-radius:999px;padding:.2rem .8rem;font-weight:700;font-size:1rem}
.k1-card .actions{margin-top:auto;padding-top:.75rem}
.k1-teacher{padding:1rem 0 3rem}
.k1-teacher-inner{display:grid;gap:1.5rem;align-items:center}
@media (min-width:44rem){.k1-teacher-inner{grid-template-columns:12rem 1fr}}
.k1-avatar{width:12rem;height:12rem;border-radius:50%;object-fit:cover;border:6px solid var(--brand);margin:0 auto}
.k1-bubble{position:relative;background:#ffffff;border:3px solid #1b1f24;border-radius:var(--radius);padding:1.5rem}
.k1-bubble h2{margin-top:0}
.tpl-kids_1 .empty{border-radius:var(--radius);border-color:#1b1f24}
.tpl-kids_1 .site-footer{text-align:center;border-top:0}
.tpl-kids_1 .social{justify-content:center}
`;

function card(m: LandingModel, w: WorkshopItem): string {
  const { tr } = m;
  const chips = [w.price, w.duration, w.where].filter((chip): chip is string => Boolean(chip));
  return `<li><article class="k1-card">
${initials(w.title, 'k1-letter')}
<h3>${e(w.title)}</h3>
${w.summary ? `<p>${e(w.summary)}</p>` : ''}
<ul class="k1-chips">${chips.map((chip) => `<li>${e(chip)}</li>`).join('')}</ul>
<p>${nextTimeIn(m, w, 'landing.kids1.nextClass')}</p>
${w.seats ? `<p>${w.soldOut ? seatsBadge(w) : tr.html('landing.kids1.grabOne', { seats: trustedHtml(seatsBadge(w)) })}</p>` : ''}
<p class="small">${tr.html('landing.kids1.with', { name: w.teacher.name })}</p>
${taughtIn(m, w)}
<div class="actions">${bookLink(m, w, 'btn btn-block')}</div>
</article></li>`;
}

function teacher(m: LandingModel): string {
  if (!m.bio) return '';
  const photo = m.avatarUrl
    ? avatarImage(m, m.avatarUrl, {
        className: 'k1-avatar',
        size: 384,
        sizes: '12rem',
        alt: m.tr.t('landing.yourTeacherAt', { school: m.schoolName }),
        lazy: true,
      })
    : '';
  return `<section class="k1-teacher" id="about" aria-labelledby="teacher-title"><div class="wrap k1-teacher-inner">${photo}<div class="k1-bubble"><h2 id="teacher-title">${m.tr.html('landing.kids1.meetTeacher')}</h2><div class="bio">${bio(m)}</div></div></div></section>`;
}

export const kids1: LandingTemplate = {
  id: 'kids_1',
  css,
  surfaces: ['#fffaf2', ...PASTELS],
  palette: [
    ['#1b1f24', '#fffaf2'],
    ['#4a4f57', '#fffaf2'],
    ['#1b1f24', '#ffffff'],
    ...PASTELS.flatMap((colour) => [
      ['#1b1f24', colour] as const,
      ['#a3132b', colour] as const,
      ['#8a4b00', colour] as const,
    ]),
  ],
  leadImage: heroSrc,
  body(m) {
    const { tr } = m;
    const photo = heroImage(m, 'k1-photo', '(min-width: 26rem) 26rem, 100vw');
    const classes =
      m.workshops.length > 0
        ? `<p>${tr.html('landing.kids1.intro')}</p><ul class="k1-cards">${m.workshops.map((w) => card(m, w)).join('')}</ul>`
        : emptyState(tr.t('landing.kids1.emptyTitle'), tr.t('landing.kids1.emptyText'));
    return `${skipLink(m)}${previewBanner(m)}
<header class="site-header"><div class="wrap">${brandLink(m)}</div></header>
<main id="main">
<section class="k1-hero" aria-labelledby="page-title"><div class="wrap k1-hero-inner${photo ? ' has-media' : ''}">
<div><p class="k1-wave">${tr.html('landing.kids1.hello')}</p><h1 id="page-title">${e(m.title)}</h1>${m.subtitle ? `<p class="k1-lead">${e(m.subtitle)}</p>` : ''}${ctaLink(m)}</div>
${photo}
</div></section>
<section class="wrap k1-classes" id="workshops" aria-labelledby="classes-title"><h2 id="classes-title">${tr.html('landing.kids1.pickClass')}</h2>${classes}</section>
${teacher(m)}
</main>
${siteFooter(m, tr.t('landing.kids1.footer'))}`;
  },
};
