import { escapeHtml as e } from '../../../lib/html.ts';
import type { LandingModel, WorkshopItem } from '../landing-model.ts';
import {
  avatarImage,
  avatarSrc,
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

// Teacher first, like a personal profile: the hero as a cover photo with a large round portrait
// over it, a centred greeting, "A little about me", then the classes as a single-column list.
// Warm paper background, humanist sans-serif, first-person copy.

const css = `
body.tpl-tutor_personal{--bg:#fbf6ef;--font:"Avenir Next",Avenir,"Segoe UI","Helvetica Neue",system-ui,sans-serif;--heading-font:var(--font);--radius:18px}
.tpl-tutor_personal .site-header{background:transparent;border-bottom:0}
.tpl-tutor_personal .site-header .wrap{justify-content:space-between}
.tp-top-link{display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;font-weight:600}
.tp-intro{text-align:center;padding-bottom:2.5rem}
.tp-cover{border-radius:var(--radius);aspect-ratio:3/1}
@media (max-width:40rem){.tp-cover{aspect-ratio:2/1}}
.tp-portrait{width:14rem;height:14rem;margin:0 auto 1.25rem;border-radius:50%;object-fit:cover;border:6px solid #ffffff;box-shadow:0 0 0 6px var(--tint),0 10px 30px rgb(0 0 0/.15)}
.tp-initials{display:flex;align-items:center;justify-content:center;font-size:4rem;font-weight:700;background:var(--brand);color:var(--brand-ink)}
.has-cover .tp-portrait{margin-top:-7rem;position:relative}
@media (max-width:40rem){.tp-portrait{width:10rem;height:10rem;font-size:3rem}.has-cover .tp-portrait{margin-top:-4.5rem}}
.tp-hello{font-size:1.15rem;font-weight:600;color:var(--accent-text);margin-bottom:.35rem}
.tp-intro h1{font-size:clamp(2rem,6vw,3rem);max-width:40rem;margin-left:auto;margin-right:auto}
.tp-lead{font-size:1.2rem;color:#545b66;max-width:36rem;margin:0 auto 1.5rem}
.tp-actions{display:flex;flex-wrap:wrap;justify-content:center;gap:.75rem}
.tp-narrow{max-width:46rem}
.tp-about{background:#ffffff;border-radius:var(--radius);padding:2rem clamp(1.25rem,4vw,3rem);margin-bottom:1rem;box-shadow:0 1px 3px rgb(0 0 0/.08)}
.tp-about h2{margin-top:0}
.tp-about .bio p{font-size:1.08rem;line-height:1.75}
.tp-about .bio p:first-child{font-size:1.2rem}
.tp-classes{padding-bottom:3rem}
.tp-classes>p{color:#545b66}
.tp-list{list-style:none;margin:0;padding:0;display:grid;gap:1rem}
.tp-item{display:grid;gap:1rem 2rem;background:#ffffff;border-radius:var(--radius);padding:1.4rem 1.5rem;border-left:6px solid var(--accent)}
@media (min-width:44rem){.tp-item{grid-template-columns:1fr 15rem}}
.tp-item h3{font-size:1.3rem;margin-bottom:.35rem}
.tp-item p{margin:0 0 .5rem}
.tp-meta{color:#545b66;font-size:.95rem}
.tp-side{display:flex;flex-direction:column;gap:.35rem}
.tp-price{font-size:1.45rem;font-weight:700}
.tp-side .btn{margin-top:.5rem}
.tpl-tutor_personal .site-footer{text-align:center}
.tpl-tutor_personal .social{justify-content:center}
`;

function item(m: LandingModel, w: WorkshopItem): string {
  const { tr } = m;
  const meta = [w.duration, w.where, tr.t('landing.withTeacher', { name: w.teacher.name })]
    .filter(Boolean)
    .join(' · ');
  return `<li class="tp-item">
<div><h3>${e(w.title)}</h3>${w.summary ? `<p>${e(w.summary)}</p>` : ''}<p class="tp-meta">${e(meta)}</p>${taughtIn(m, w, 'tp-meta')}</div>
<div class="tp-side"><p class="tp-price">${e(w.price)}</p><p class="small">${nextTimeIn(m, w, 'landing.tutor.next')}</p>${w.seats ? `<p class="small">${seatsBadge(w)}</p>` : ''}${bookLink(m, w, 'btn btn-secondary')}</div>
</li>`;
}

function portrait(m: LandingModel): string {
  return m.avatarUrl
    ? avatarImage(m, m.avatarUrl, {
        className: 'tp-portrait',
        size: 448,
        sizes: '(max-width: 40rem) 10rem, 14rem',
        alt: m.tr.t('landing.yourTeacherAt', { school: m.schoolName }),
        lazy: false,
      })
    : initials(m.schoolName, 'tp-portrait tp-initials');
}

export const tutorPersonal: LandingTemplate = {
  id: 'tutor_personal',
  css,
  surfaces: ['#fbf6ef'],
  palette: [
    ['#1b1f24', '#fbf6ef'],
    ['#545b66', '#fbf6ef'],
    ['#545b66', '#ffffff'],
  ],
  leadImage: (m) => heroSrc(m) ?? (m.avatarUrl ? avatarSrc(m, m.avatarUrl) : null),
  body(m) {
    const { tr } = m;
    const cover = heroImage(m, 'tp-cover', '(min-width: 68rem) 66rem, 100vw');
    const classes =
      m.workshops.length > 0
        ? `<p>${tr.html('landing.tutor.intro')}</p><ol class="tp-list">${m.workshops.map((w) => item(m, w)).join('')}</ol>`
        : emptyState(tr.t('landing.tutor.emptyTitle'), tr.t('landing.tutor.emptyText'));
    return `${skipLink(m)}${previewBanner(m)}
<header class="site-header"><div class="wrap">${brandLink(m)}<a class="tp-top-link" href="#workshops">${tr.html('landing.tutor.myClasses')}</a></div></header>
<main id="main">
<section class="wrap tp-intro${cover ? ' has-cover' : ''}" aria-labelledby="page-title">
${cover}
${portrait(m)}
<p class="tp-hello">${tr.html('landing.tutor.hello')}</p>
<h1 id="page-title">${e(m.title)}</h1>
${m.subtitle ? `<p class="tp-lead">${e(m.subtitle)}</p>` : ''}
<p class="tp-actions">${ctaLink(m)}${m.bio ? `<a class="btn btn-secondary" href="#about">${tr.html('landing.tutor.aboutMe')}</a>` : ''}</p>
</section>
${m.bio ? `<section class="wrap tp-narrow" aria-labelledby="about-title"><div class="tp-about" id="about"><h2 id="about-title">${tr.html('landing.tutor.littleAboutMe')}</h2><div class="bio">${bio(m)}</div></div></section>` : ''}
<section class="wrap tp-narrow tp-classes" id="workshops" aria-labelledby="classes-title">
<h2 id="classes-title">${tr.html('landing.tutor.bookWithMe')}</h2>
${classes}
</section>
</main>
${siteFooter(m, tr.t('landing.tutor.footer', { school: m.schoolName }))}`;
  },
};
