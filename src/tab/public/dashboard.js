// @ts-check
/*
 * Escaleer dashboard tab. Shows the team's cases from GET /api/tab/cases. Everything from the
 * server is written with textContent (never as HTML). In Teams the page gets an SSO token and the
 * team id from the Teams context; in development mode (?tenant=…&team=…) it asks without a token.
 */
(() => {
  'use strict';

  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  /** @param {string} id */
  const select = (id) => /** @type {HTMLSelectElement} */ (document.getElementById(id));
  const params = new URLSearchParams(window.location.search);
  const SVG = 'http://www.w3.org/2000/svg';

  /** @param {string} text @param {boolean} [error] */
  const setStatus = (text, error = false) => {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', error);
    s.hidden = text === '';
  };

  /** @param {string} civil `YYYY-MM-DD` */
  const dutchDate = (civil) =>
    new Date(`${civil}T12:00:00Z`).toLocaleDateString('nl-NL', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Amsterdam',
    });

  const showPersonal = () => {
    setStatus('');
    $('personal').hidden = false;
  };

  /**
   * @typedef {{ caseId: string, route: string|null, routeLabel: string|null, state: string, stepLabel: string, open: boolean,
   *   awaitingRole: string|null, awaitingLabel: string|null,
   *   progress: { phase: number, phases: number, phaseLabel: string|null, subStep: number|null, subSteps: number|null, finished: boolean },
   *   checklist: { met: number, total: number }|null, nextDeadline: { date: string, label: string }|null, dossier?: boolean }} Row
   * @typedef {{ id: string, region: string, deadline: string, meeting: string, closed: boolean }} Table
   * @typedef {{ mode: 'sso'|'dev', teamId: string, cases: Row[], tables: Table[] }} Overview
   */

  /** The progress picture: one segment per phase, the current one partly filled in circle 4. @param {Row} r */
  const progressSvg = (r) => {
    const p = r.progress;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 10');
    svg.setAttribute('class', 'progress');
    svg.setAttribute('role', 'img');
    const n = Math.max(p.phases, 1);
    const label = p.phases
      ? `Fase ${p.phase} van ${p.phases}${p.phaseLabel ? `: ${p.phaseLabel}` : ''}${p.subStep && p.subSteps ? `, onderdeel ${p.subStep} van ${p.subSteps}` : ''}${p.finished ? ' (afgerond)' : ''}`
      : 'Nog geen route gekozen';
    svg.setAttribute('aria-label', label);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = label;
    svg.appendChild(title);
    const gap = 1.5;
    const w = (100 - gap * (n - 1)) / n;
    for (let i = 0; i < n; i++) {
      const x = i * (w + gap);
      const bg = document.createElementNS(SVG, 'rect');
      bg.setAttribute('x', String(x));
      bg.setAttribute('y', '1');
      bg.setAttribute('width', String(w));
      bg.setAttribute('height', '8');
      bg.setAttribute('rx', '2');
      bg.setAttribute('class', 'seg');
      svg.appendChild(bg);
      let fill = i < p.phase - 1 ? 1 : i === p.phase - 1 ? (p.subStep && p.subSteps ? p.subStep / p.subSteps : 1) : 0;
      if (!p.phases) fill = 0;
      if (fill > 0) {
        const fg = document.createElementNS(SVG, 'rect');
        fg.setAttribute('x', String(x));
        fg.setAttribute('y', '1');
        fg.setAttribute('width', String(w * fill));
        fg.setAttribute('height', '8');
        fg.setAttribute('rx', '2');
        fg.setAttribute('class', p.finished ? 'fill done' : 'fill');
        svg.appendChild(fg);
      }
    }
    return svg;
  };

  /** @param {string} label @param {string|Node} content @param {string} [cls] */
  const cell = (label, content, cls) => {
    const td = document.createElement('td');
    td.dataset.label = label;
    if (cls) td.className = cls;
    if (typeof content === 'string') td.textContent = content;
    else td.appendChild(content);
    return td;
  };

  /**
   * The signed-in session (Teams SSO): the team and a way to get a current token. `null` in
   * development mode, where the dossier (free text) is not offered.
   * @type {{ team: string, tenant: string|null, token: () => Promise<string> }|null}
   */
  let session = null;

  /**
   * Downloads a case's dossier (PDF) through the authenticated API and saves it via a blob URL.
   * @param {string} caseId @param {HTMLButtonElement} button
   */
  const downloadDossier = async (caseId, button) => {
    if (!session) return;
    button.disabled = true;
    setStatus('');
    try {
      const q = new URLSearchParams({ team: session.team });
      if (session.tenant) q.set('tenant', session.tenant);
      const res = await fetch(`/api/tab/cases/${encodeURIComponent(caseId)}/dossier?${q}`, {
        headers: { authorization: `Bearer ${await session.token()}`, accept: 'application/pdf' },
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        setStatus(typeof body.message === 'string' ? body.message : `Het dossier kon niet worden gemaakt (fout ${res.status}).`, true);
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `dossier-${caseId}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setStatus('Het dossier kon niet worden gedownload. Probeer het opnieuw.', true);
    } finally {
      button.disabled = false;
    }
  };

  /** @param {Row} r */
  const dossierCell = (r) => {
    if (!session || !r.dossier) {
      const none = document.createElement('span');
      none.className = 'muted';
      none.textContent = '–';
      return none;
    }
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'dossier';
    b.textContent = 'PDF';
    b.setAttribute('aria-label', `Dossier ${r.caseId} downloaden (PDF)`);
    b.addEventListener('click', () => void downloadDossier(r.caseId, b));
    return b;
  };

  /** @param {Row} r */
  const rowOf = (r) => {
    const tr = document.createElement('tr');
    tr.dataset.caseId = r.caseId;
    if (!r.open) tr.classList.add('closed');
    const id = document.createElement('strong');
    id.textContent = r.caseId;
    tr.appendChild(cell('Casus', id, 'case-id'));
    tr.appendChild(cell('Route', r.routeLabel ?? 'Nog geen route'));
    tr.appendChild(cell('Stap', r.stepLabel));
    tr.appendChild(cell('Aan zet', r.open ? (r.awaitingLabel ?? '–') : 'Niemand (afgerond)'));
    tr.appendChild(cell('Volgende datum', r.nextDeadline ? `${dutchDate(r.nextDeadline.date)} – ${r.nextDeadline.label}` : '–'));
    const prog = document.createElement('div');
    prog.className = 'progress-cell';
    prog.appendChild(progressSvg(r));
    if (r.progress.phases) {
      const n = document.createElement('span');
      n.className = 'muted';
      n.setAttribute('aria-hidden', 'true');
      n.textContent = r.progress.finished ? 'Afgerond' : `${r.progress.phase} van ${r.progress.phases}`;
      prog.appendChild(n);
    }
    if (r.checklist) {
      const c = document.createElement('span');
      c.className = 'muted';
      c.textContent = `Voorwaarden ${r.checklist.met}/${r.checklist.total}`;
      prog.appendChild(c);
    }
    tr.appendChild(cell('Voortgang', prog));
    tr.appendChild(cell('Dossier', dossierCell(r)));
    return tr;
  };

  /** @param {HTMLSelectElement} el @param {string[]} values */
  const fillOptions = (el, values) => {
    for (const v of [...new Set(values)].sort((a, b) => a.localeCompare(b, 'nl'))) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      el.appendChild(o);
    }
  };

  /** @param {Row[]} rows */
  const applyFilters = (rows) => {
    const q = /** @type {HTMLInputElement} */ ($('f-search')).value.trim().toUpperCase();
    const route = select('f-route').value;
    const step = select('f-step').value;
    const role = select('f-role').value;
    const status = select('f-status').value;
    const shown = rows.filter(
      (r) =>
        (!q || r.caseId.toUpperCase().includes(q)) &&
        (!route || (r.routeLabel ?? 'Nog geen route') === route) &&
        (!step || r.stepLabel === step) &&
        (!role || (r.open ? (r.awaitingLabel ?? '–') : 'Niemand (afgerond)') === role) &&
        (!status || (status === 'open') === r.open),
    );
    const body = $('case-rows');
    body.replaceChildren(...shown.map(rowOf));
    $('count').textContent =
      rows.length === 0
        ? 'Nog geen casussen in dit team. Start er een met /escaleer in een kanaal van het team.'
        : shown.length === rows.length
          ? `${rows.length} ${rows.length === 1 ? 'casus' : 'casussen'}`
          : `${shown.length} van ${rows.length} casussen`;
  };

  /** @param {Overview} data */
  const render = (data) => {
    setStatus('');
    $('dev-banner').hidden = data.mode !== 'dev';
    $('overview').hidden = false;
    fillOptions(
      select('f-route'),
      data.cases.map((r) => r.routeLabel ?? 'Nog geen route'),
    );
    fillOptions(
      select('f-step'),
      data.cases.map((r) => r.stepLabel),
    );
    fillOptions(
      select('f-role'),
      data.cases.map((r) => (r.open ? (r.awaitingLabel ?? '–') : 'Niemand (afgerond)')),
    );
    const update = () => applyFilters(data.cases);
    $('filters').addEventListener('input', update);
    $('filters').addEventListener('submit', (e) => e.preventDefault());
    update();
    $('tables').hidden = false;
    const list = $('table-list');
    list.replaceChildren(
      ...data.tables.map((t) => {
        const li = document.createElement('li');
        const region = document.createElement('strong');
        region.textContent = t.region;
        const when = document.createElement('span');
        when.textContent = ` – overleg ${dutchDate(t.meeting)}, inleveren ${t.closed ? 'gesloten' : `uiterlijk ${dutchDate(t.deadline)}`}`;
        li.append(region, when);
        return li;
      }),
    );
    $('no-tables').hidden = data.tables.length > 0;
  };

  /** @param {string} query @param {string|null} token */
  const load = async (query, token) => {
    /** @type {Record<string,string>} */
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`/api/tab/cases?${query}`, { headers, credentials: 'omit' });
    const body = await res.json().catch(() => ({}));
    if (res.ok) return render(/** @type {Overview} */ (body));
    if (params.get('tenant')) $('dev-banner').hidden = false;
    setStatus(
      typeof body.message === 'string' ? body.message : `Het overzicht kon niet worden geladen (fout ${res.status}).`,
      res.status !== 404,
    );
  };

  /** @template T @param {Promise<T>} p @param {number} ms */
  const within = (p, ms) => Promise.race([p, new Promise((_r, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

  const inTeams = async () => {
    /** @type {any} */
    const teams = /** @type {any} */ (window).microsoftTeams;
    if (!teams) throw new Error('teams-js ontbreekt');
    await within(teams.app.initialize(), 5000);
    const ctx = await teams.app.getContext();
    document.documentElement.dataset.theme = ctx.app?.theme ?? 'default';
    teams.app.registerOnThemeChangeHandler((/** @type {string} */ t) => (document.documentElement.dataset.theme = t));
    const team = ctx.team?.internalId;
    if (!team) {
      teams.app.notifySuccess();
      return showPersonal();
    }
    const token = await teams.authentication.getAuthToken();
    const q = new URLSearchParams({ team, tenant: ctx.user?.tenant?.id ?? '' });
    if (!ctx.user?.tenant?.id) q.delete('tenant');
    // teams-js caches the token and renews it when it is about to expire.
    session = { team, tenant: ctx.user?.tenant?.id ?? null, token: () => teams.authentication.getAuthToken() };
    await load(q.toString(), token);
    teams.app.notifySuccess();
  };

  /** Personal tab: no team, so nothing to load; still tell Teams the page is ready and follow its theme. */
  const personal = async () => {
    showPersonal();
    /** @type {any} */
    const teams = /** @type {any} */ (window).microsoftTeams;
    if (!teams) return;
    try {
      await within(teams.app.initialize(), 5000);
      const ctx = await teams.app.getContext();
      document.documentElement.dataset.theme = ctx.app?.theme ?? 'default';
      teams.app.notifySuccess();
    } catch {
      // Opened outside Teams: the explanation is all there is to show.
    }
  };

  const start = async () => {
    if (params.get('context') === 'personal') return personal();
    const tenant = params.get('tenant');
    const team = params.get('team');
    if (tenant && team) return load(new URLSearchParams({ tenant, team }).toString(), null);
    try {
      await inTeams();
    } catch {
      setStatus('Open dit dashboard in Microsoft Teams, als tabblad in een kanaal van je team.', true);
    }
  };

  start().catch(() => setStatus('Het overzicht kon niet worden geladen. Probeer het later opnieuw.', true));
})();
