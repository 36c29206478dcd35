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
  nextTime,
  previewBanner,
  seatsBadge,
  siteFooter,
  skipLink,
  socialLinks,
  taughtIn,
} from './parts.ts';

// A compact neighbourhood school: a brand-coloured bar, a short intro with a small photo, then a
// timetable of the next sessions (soonest first) beside a sidebar about the school. Dense, plain,
// practical copy.

const css = `
body.tpl-center_small{--bg:#eef0f3;--radius:8px;font-size:.95rem}
.tpl-center_small .site-header{border-bottom:0}
.tpl-center_small .site-header .wrap{justify-content:space-between;min-height:3.5rem}
.cs-bar-links{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.cs-bar-links>a:not(.btn){display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;font-weight:600}
.cs-bar-links .btn{padding:.5rem 1rem}
.cs-intro{background:#ffffff;border-bottom:1px solid var(--line)}
.cs-intro .wrap{display:grid;gap:1.5rem;align-items:center;padding-top:1.75rem;padding-bottom:1.75rem}
@media (min-width:48rem){.cs-intro .wrap.has-media{grid-template-columns:1fr 20rem}}
.cs-intro h1{font-size:clamp(1.6rem,4vw,2.2rem);margin-bottom:.35rem}
.cs-intro p{color:#545b66;margin-bottom:0}
.cs-photo{aspect-ratio:4/3;border-radius:var(--radius)}
.cs-layout{display:grid;gap:1.5rem;padding-top:1.5rem;padding-bottom:3rem;align-items:start}
@media (min-width:60rem){.cs-layout{grid-template-columns:1fr 19rem}}
.cs-panel{background:#ffffff;border:1px solid var(--line);border-radius:var(--radius);padding:1.25rem}
.cs-panel h2{margin-top:0;font-size:1.25rem}
.cs-note{color:#545b66;font-size:.88rem;margin-bottom:.75rem}
.cs-rows{list-style:none;margin:0;padding:0;border-top:2px solid var(--brand)}
.cs-row{display:grid;grid-template-columns:9.5rem 1fr auto;gap:.5rem 1.25rem;align-items:center;padding:.8rem .5rem;border-bottom:1px solid var(--line)}
.cs-row:nth-child(even){background:#f5f6f8}
.cs-when{font-weight:650;font-size:.9rem}
.cs-row h3{font-size:1.02rem;margin:0 0 .1rem}
.cs-desc{font-size:.9rem;margin:0 0 .15rem}
.cs-sub{color:#545b66;font-size:.85rem;margin:0}
.cs-deal{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.2rem 0 0;font-size:.9rem}
.cs-price{font-weight:700}
.cs-row .btn{padding:.5rem .9rem;font-size:.9rem;white-space:nowrap}
@media (max-width:47.99rem){
.cs-row{grid-template-columns:1fr;padding:.9rem .25rem}
.cs-row .btn{display:block}
.cs-deal{justify-content:space-between}
}
@media (max-width:30rem){.cs-bar-links>a:not(.btn){display:none}.cs-photo{aspect-ratio:16/9}}
.cs-side{display:grid;gap:1.25rem}
.cs-avatar{width:5rem;height:5rem;border-radius:50%;object-fit:cover;float:right;margin:0 0 .5rem 1rem}
.cs-panel .social{margin:0}
`;

function row(m: LandingModel, w: WorkshopItem): string {
  const sub = [w.teacher.name, w.duration, w.where].filter(Boolean).join(' · ');
  return `<li class="cs-row">
<div class="cs-when">${nextTime(m, w)}</div>
<div><h3>${e(w.title)}</h3>${w.shortSummary ? `<p class="cs-desc">${e(w.shortSummary)}</p>` : ''}<p class="cs-sub">${e(sub)}</p>${taughtIn(m, w, 'cs-sub')}<p class="cs-deal"><span class="cs-price">${e(w.price)}</span>${seatsBadge(w)}</p></div>
${bookLink(m, w, 'btn')}
</li>`;
}

function sidebar(m: LandingModel): string {
  const { tr } = m;
  const about =
    m.bio || m.avatarUrl
      ? `<section class="cs-panel" id="about" aria-labelledby="about-title"><h2 id="about-title">${tr.html('landing.centerSmall.aboutSchool')}</h2>${
          m.avatarUrl
            ? avatarImage(m, m.avatarUrl, {
                className: 'cs-avatar',
                size: 160,
                sizes: '5rem',
                alt: tr.t('landing.teacherAt', { school: m.schoolName }),
                lazy: true,
              })
            : ''
        }<div class="bio">${bio(m)}</div></section>`
      : '';
  const social = socialLinks(m);
  const follow = social
    ? `<section class="cs-panel" aria-labelledby="follow-title"><h2 id="follow-title">${tr.html('landing.centerSmall.followUs')}</h2>${social}</section>`
    : '';
  const info = `<section class="cs-panel" aria-labelledby="info-title"><h2 id="info-title">${tr.html('landing.centerSmall.goodToKnow')}</h2><p class="cs-note">${tr.html('landing.centerSmall.timesNote', { zone: m.zoneLabel })}</p><p class="cs-note">${tr.html('landing.centerSmall.howToBook')}</p></section>`;
  return `<div class="cs-side">${about}${follow}${info}</div>`;
}

export const centerSmall: LandingTemplate = {
  id: 'center_small',
  css,
  surfaces: ['#eef0f3', '#f5f6f8'],
  palette: [
    ['#1b1f24', '#eef0f3'],
    ['#545b66', '#eef0f3'],
    ['#545b66', '#f5f6f8'],
    ['#a3132b', '#f5f6f8'],
    ['#8a4b00', '#f5f6f8'],
    ['#545b66', '#ffffff'],
  ],
  leadImage: heroSrc,
  body(m) {
    const { tr } = m;
    const photo = heroImage(m, 'cs-photo', '(min-width: 48rem) 20rem, 100vw');
    const schedule =
      m.workshops.length > 0
        ? `<p class="cs-note">${tr.html('landing.centerSmall.intro', { count: m.workshops.length })}</p><ol class="cs-rows">${m.workshops.map((w) => row(m, w)).join('')}</ol>`
        : emptyState(tr.t('landing.centerSmall.emptyTitle'), tr.t('landing.centerSmall.emptyText'));
    return `${skipLink(m)}${previewBanner(m)}
<header class="site-header on-brand"><div class="wrap">${brandLink(m)}<div class="cs-bar-links"><a href="#workshops">${tr.html('landing.centerSmall.timetable')}</a>${ctaLink(m, 'btn btn-invert')}</div></div></header>
<main id="main">
<div class="cs-intro"><div class="wrap${photo ? ' has-media' : ''}"><div><h1>${e(m.title)}</h1>${m.subtitle ? `<p>${e(m.subtitle)}</p>` : ''}</div>${photo}</div></div>
<div class="wrap cs-layout">
<section class="cs-panel" id="workshops" aria-labelledby="schedule-title"><h2 id="schedule-title">${tr.html('landing.centerSmall.nextSessions')}</h2>${schedule}</section>
${sidebar(m)}
</div>
</main>
${siteFooter(m, tr.t('landing.centerSmall.footer', { school: m.schoolName }), { social: false })}`;
  },
};
