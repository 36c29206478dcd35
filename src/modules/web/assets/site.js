// Progressive enhancement only: every page works without this file.
// 1. Times: the server writes them in the class's own time zone (named); here they are rewritten
//    in the visitor's zone, and the zone is named, e.g. "Tue 3 Dec, 18:00 (Europe/London)".
// 2. Booking forms: the time zone select starts at the visitor's detected zone.
// 3. A "Show times in" select (select[data-zone-switch]) re-renders the times in place when it
//    changes; a zone the visitor already chose (data-user-chosen, from ?tz=) is kept.
// 4. The element marked data-autofocus (a refused form's messages) takes the focus.
// 5. A slot-booked workshop's month ([data-slot-picker], see slot-picker.ts): its free slots are in
//    the page (data-slots), so they are regrouped by day in the zone shown and a day's times are
//    switched here, without a request; the URL follows the day chosen (?date=).
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
  const picker = slotPicker(document.querySelector('[data-slot-picker]'));
  const render = (zone) => {
    picker?.show(zone);
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

  function slotPicker(root) {
    if (!root) return null;
    const list = document.querySelector('[data-slot-times]');
    const dayText = document.querySelector('[data-slot-day]');
    const status = root.querySelector('[data-slot-status]');
    if (!list || !dayText) return null;
    const month = root.dataset.month;
    const duration = Number(root.dataset.duration) * 60000;
    const seats = root.hasAttribute('data-seats');
    let slots;
    try {
      slots = JSON.parse(root.dataset.slots).map(([minutes, left]) => ({ start: minutes * 60000, left }));
    } catch {
      return null;
    }
    const cells = [...root.querySelectorAll('td[data-date]')];
    // The page's language and its words (the server writes them: this file has no catalogue).
    const locale = root.dataset.locale || 'en-GB';
    const dayFormat = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    });
    const dayName = (date) => dayFormat.format(new Date(`${date}T12:00:00Z`));
    const plurals = new Intl.PluralRules(locale);
    const words = (name, fallback) => {
      try {
        return JSON.parse(root.dataset[name]);
      } catch {
        return fallback;
      }
    };
    const dayFree = words('tDayFree', { one: '{day}, {n} time free', other: '{day}, {n} times free' });
    const dayStatus = words('tDayStatus', { one: '{day}: {n} time free.', other: '{day}: {n} times free.' });
    const seatsLeft = words('tSeats', { one: '{n} seat left', other: '{n} seats left' });
    const onDay = root.dataset.tOnDay || 'on {day}';
    const say = (forms, n, day) =>
      (plurals.select(n) === 'one' ? forms.one : forms.other)
        .replace('{n}', new Intl.NumberFormat(locale).format(n))
        .replace('{day}', day ?? '');
    const linkTo = (date) => {
      const url = new URL(window.location.href);
      url.searchParams.set('month', month);
      url.searchParams.set('date', date);
      url.hash = 'times';
      return `${url.pathname}${url.search}${url.hash}`;
    };
    let byDate = new Map();
    let zone;
    let chosen =
      new URL(window.location.href).searchParams.get('date') ||
      root.querySelector('a[aria-current]')?.dataset.date;

    const group = () => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const dateOf = (ms) => {
        const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
        return `${p.year}-${p.month}-${p.day}`;
      };
      byDate = new Map();
      for (const slot of slots) {
        const date = dateOf(slot.start);
        if (!date.startsWith(`${month}-`)) continue;
        if (!byDate.has(date)) byDate.set(date, []);
        byDate.get(date).push(slot);
      }
    };
    const paintMonth = () => {
      for (const cell of cells) {
        const date = cell.dataset.date;
        const free = byDate.get(date)?.length ?? 0;
        const day = document.createElement(free > 0 ? 'a' : 'span');
        day.className = 'day';
        day.textContent = String(Number(date.slice(8)));
        if (free > 0) {
          day.href = linkTo(date);
          day.dataset.date = date;
          day.setAttribute('aria-label', say(dayFree, free, dayName(date)));
        }
        cell.replaceChildren(day);
      }
    };
    const showDay = (date, announce) => {
      chosen = date;
      for (const link of root.querySelectorAll('a[data-date]')) {
        if (link.dataset.date === date) link.setAttribute('aria-current', 'date');
        else link.removeAttribute('aria-current');
      }
      const checked = list.querySelector('input:checked')?.value;
      const times = new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      const items = (byDate.get(date) || []).map((slot, index) => {
        const iso = new Date(slot.start).toISOString();
        const input = document.createElement('input');
        Object.assign(input, {
          type: 'radio',
          id: `slot-${index}`,
          name: 'startTime',
          value: iso,
          required: true,
        });
        input.checked = iso === checked;
        const time = document.createElement('time');
        time.dateTime = iso;
        time.textContent = `${times.format(slot.start)}–${times.format(slot.start + duration)}`;
        const text = document.createElement('span');
        text.className = 'slot-text';
        text.append(time);
        if (seats) {
          const left = document.createElement('span');
          left.className = 'slot-seats';
          left.textContent = say(seatsLeft, slot.left);
          text.append(left);
        }
        const label = document.createElement('label');
        label.className = 'slot';
        label.append(input, text);
        const item = document.createElement('li');
        item.append(label);
        return item;
      });
      list.replaceChildren(...items);
      dayText.textContent = date ? ` ${onDay.replace('{day}', dayName(date))}` : '';
      if (announce && status) status.textContent = say(dayStatus, items.length, dayName(date));
    };
    const addDays = (date, n) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

    root.addEventListener('click', (event) => {
      const link = event.target.closest('a[data-date]');
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      event.preventDefault();
      showDay(link.dataset.date, true);
      window.history.replaceState(window.history.state, '', link.getAttribute('href'));
    });
    // Arrow keys move between the days with free times (up and down: a week).
    root.addEventListener('keydown', (event) => {
      const link = event.target.closest?.('a[data-date]');
      const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[event.key];
      if (!link || !step) return;
      const goal = addDays(link.dataset.date, step);
      const links = [...root.querySelectorAll('a[data-date]')];
      const target =
        step > 0
          ? links.find((a) => a.dataset.date >= goal)
          : links.reverse().find((a) => a.dataset.date <= goal);
      event.preventDefault();
      target?.focus();
    });

    return {
      show(next) {
        zone = next;
        group();
        paintMonth();
        if (!byDate.has(chosen)) chosen = [...byDate.keys()].sort()[0];
        showDay(chosen, false);
      },
    };
  }
})();
