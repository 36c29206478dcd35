// Progressive enhancement only: every page works without this file.
// 1. Times: the server writes them in the class's own time zone (named); here they are rewritten
//    in the visitor's zone, and the zone is named, e.g. "Tue 3 Dec, 18:00 (Europe/London)".
// 2. Booking forms: the time zone select starts at the visitor's detected zone.
// 3. A "Show times in" select (select[data-zone-switch]) re-renders the times in place when it
//    changes; a zone the visitor already chose (data-user-chosen, from ?tz=) is kept.
// 4. The element marked data-autofocus (a refused form's messages) takes the focus.
(() => {
  const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!detected) return;
  const formats = {
    datetime: {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    },
    date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    time: { hour: '2-digit', minute: '2-digit' },
  };
  const lang = document.documentElement.lang || undefined;
  const label = (zone) => zone.replace(/_/g, ' ');
  const render = (zone) => {
    for (const el of document.querySelectorAll('time[data-local]')) {
      const start = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(start.getTime())) continue;
      const kind = el.getAttribute('data-local');
      const options = { ...(formats[kind] || formats.datetime), timeZone: zone };
      let text = new Intl.DateTimeFormat(lang, options).format(start);
      const end = el.getAttribute('data-end');
      if (end && !Number.isNaN(new Date(end).getTime())) {
        text += `–${new Intl.DateTimeFormat(lang, { ...formats.time, timeZone: zone }).format(new Date(end))}`;
      }
      el.textContent = el.hasAttribute('data-no-zone') ? text : `${text} (${label(zone)})`;
    }
    for (const el of document.querySelectorAll('[data-visitor-zone]')) el.textContent = label(zone);
  };
  for (const select of document.querySelectorAll('select[data-detect-zone]')) {
    if (select.dataset.userChosen) continue;
    const option = [...select.options].find((o) => o.value === detected);
    if (option) select.value = detected;
  }
  const switcher = document.querySelector('select[data-zone-switch]');
  let shown = detected;
  if (switcher?.dataset.userChosen) shown = switcher.value;
  else if (switcher && switcher.value !== detected) shown = switcher.value;
  try {
    render(shown);
  } catch {
    render(detected);
  }
  // A refused form's messages (the server put them first): focused once the page has loaded
  // (after the browser's own move to the URL's #fragment, which would take the focus back).
  const autofocus = document.querySelector('[data-autofocus]');
  if (autofocus) window.addEventListener('load', () => setTimeout(() => autofocus.focus(), 0));
  if (switcher) {
    switcher.addEventListener('change', () => {
      try {
        render(switcher.value);
      } catch {}
    });
  }
})();
