/// The playground's single self-contained page (HTML, CSS and JS inline; no external assets).
///
/// The page talks only to `/playground/api/*` on the same origin: it polls the timeline about once a second,
/// renders buttons and forms, and builds every message from text nodes, so message text never becomes markup;
/// the members a bot message mentions are highlighted from its structured `mentions`.
enum PlaygroundPage {
    /// The page served at `GET /playground`.
    static let html: String = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>Convener playground</title>
        <style>
        :root{--bg:#f3f4f6;--panel:#fff;--fg:#1b2027;--muted:#5d6772;--line:#dfe3e8;--hover:#f6f7f9;--accent:#3550d4;
        --on:#fff;--soft:#e9edfc;--eph:#f4f2fd;--err:#b42318;--errbg:#fdeceb;--warn:#fff4d6;--code:#eff1f4}
        @media (prefers-color-scheme:dark){
        :root{--bg:#0e1014;--panel:#171a20;--fg:#e4e7eb;--muted:#99a2ad;--line:#2b3038;--hover:#1c2027;--accent:#8ea2ff;
        --on:#0e1014;--soft:#232a47;--eph:#1e1b2e;--err:#ff938a;--errbg:#3b1c1a;--warn:#3a3016;--code:#242932}
        }
        *{box-sizing:border-box}
        input{accent-color:var(--accent)}
        body{margin:0;height:100vh;height:100dvh;display:flex;flex-direction:column;background:var(--bg);
        color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif}
        button,input,textarea{font:inherit;color:inherit}
        :focus-visible{outline:2px solid var(--accent);outline-offset:2px}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1rem;
        background:var(--panel);border-bottom:1px solid var(--line)}
        h1{margin:0;font-size:1.05rem;display:flex;align-items:center;gap:.55rem;white-space:nowrap}
        .logo{width:1.75rem;height:1.75rem;border-radius:.5rem;background:var(--accent);color:var(--on);display:grid;
        place-items:center;font-size:.95rem}
        .who{margin-left:auto;display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .5rem}
        .who label{font-weight:600;font-size:.9rem}
        .who input{width:9.5rem;padding:.3rem .55rem;border:1px solid var(--line);border-radius:.45rem;
        background:var(--bg)}
        .who input[aria-invalid=true]{border-color:var(--err)}
        .hint{font-size:.8rem;color:var(--muted)}
        .werr{color:var(--err)}
        .link{border:0;background:none;padding:0;color:var(--accent);text-decoration:underline;cursor:pointer}
        .btn{border:1px solid var(--line);background:var(--panel);padding:.3rem .85rem;border-radius:.45rem;
        cursor:pointer}
        .btn:hover:not(:disabled){border-color:var(--accent);color:var(--accent)}
        .btn.pri{background:var(--accent);border-color:var(--accent);color:var(--on)}
        .btn.pri:hover:not(:disabled){color:var(--on);filter:brightness(1.08)}
        .btn:disabled,[aria-busy] .acts .btn{opacity:.55;cursor:progress}
        .banner{display:flex;gap:.75rem;align-items:center;justify-content:center;padding:.45rem 1rem;
        background:var(--warn);font-size:.9rem;border-bottom:1px solid var(--line)}
        .banner[hidden]{display:none}
        main{flex:1;min-height:0;display:grid;gap:.75rem;padding:.75rem;
        grid-template-columns:minmax(0,1fr) minmax(16rem,25rem);grid-template-rows:minmax(0,1fr) auto;
        grid-template-areas:"ch dm" "co dm"}
        .tabs{display:none}
        .pane{grid-area:ch;min-height:0;display:flex;flex-direction:column;background:var(--panel);
        border:1px solid var(--line);border-radius:.75rem;overflow:hidden}
        #dmpane{grid-area:dm}
        .pane h2{margin:0;padding:.6rem 1rem;font-size:.95rem;border-bottom:1px solid var(--line);display:flex;
        gap:.4rem}
        .pane h2 small{font-weight:400;color:var(--muted)}
        .log{list-style:none;margin:0;padding:.4rem 0;overflow-y:auto;flex:1}
        .empty{padding:2rem 1rem;text-align:center;color:var(--muted);font-size:.9rem}
        .log>.empty:not(:only-child){display:none}
        .msg{display:flex;gap:.65rem;padding:.45rem 1rem}
        .msg:hover{background:var(--hover)}
        .av.bot{background:var(--accent);color:var(--on)}
        .av{flex:none;width:2.1rem;height:2.1rem;border-radius:.5rem;display:grid;place-items:center;font-weight:700;
        color:#fff;margin-top:.1rem}
        .bd{flex:1;min-width:0}
        .meta{display:flex;flex-wrap:wrap;align-items:baseline;gap:.15rem .45rem}
        .name{font-weight:650}
        .tag{font-size:.66rem;font-weight:700;letter-spacing:.05em;text-transform:uppercase;padding:.05rem .35rem;
        border-radius:.25rem;background:var(--soft);color:var(--accent)}
        .note{font-size:.78rem;color:var(--muted)}
        .txt{white-space:pre-wrap;overflow-wrap:anywhere}
        .eph{background:var(--eph);box-shadow:inset 3px 0 var(--accent)}
        .eph:hover{background:var(--eph)}
        .cmd .txt{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;color:var(--muted)}
        .sys{margin:.3rem 1rem;padding:.45rem .75rem;border-radius:.5rem;background:var(--errbg);color:var(--err);
        font-size:.9rem;white-space:pre-wrap}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.87em;
        background:var(--code);border-radius:.3rem}
        code{padding:.1em .3em}
        pre{margin:.35rem 0;padding:.55rem .75rem;overflow-x:auto;white-space:pre}
        pre code{padding:0;font-size:1em;background:none}
        .at{color:var(--accent);background:var(--soft);border-radius:.25rem;padding:0 .15em}
        .at.me{font-weight:650}
        a{color:var(--accent)}
        .acts{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.45rem}
        .card{margin-top:.5rem;max-width:34rem;padding:.75rem .9rem;border:1px solid var(--line);border-radius:.6rem;
        background:var(--panel)}
        .card h3{margin:0 0 .5rem;font-size:.95rem}
        .card fieldset{border:0;margin:0;padding:0;min-width:0}
        .card .fld{margin:0 0 .85rem}
        .fld>label,.fld legend{display:block;font-weight:600;font-size:.9rem;margin-bottom:.3rem;padding:0}
        .req{color:var(--err)}
        .fld input[type=text],.fld textarea{width:100%;padding:.4rem .55rem;border:1px solid var(--line);
        border-radius:.45rem;background:var(--bg);resize:vertical}
        .opts{display:flex;flex-direction:column;gap:.2rem}
        .opts label{display:flex;gap:.5rem;align-items:center;cursor:pointer}
        .scale .opts{flex-direction:row;gap:.35rem}
        .scale .opts label{position:relative}
        .scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0}
        .scale .opts span{display:grid;place-items:center;width:2.3rem;height:2.3rem;border:1px solid var(--line);
        border-radius:.45rem;background:var(--bg)}
        .scale .opts input:checked+span{background:var(--accent);border-color:var(--accent);color:var(--on);
        font-weight:700}
        .scale input:focus-visible+span{outline:2px solid var(--accent);outline-offset:2px}
        [aria-invalid=true]>legend,[aria-invalid=true]>label{color:var(--err)}
        .frow{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}
        .fstat{font-size:.85rem;color:var(--muted)}
        .fstat.bad{color:var(--err)}
        .co{grid-area:co;background:var(--panel);border:1px solid var(--line);border-radius:.75rem;
        padding:.55rem .6rem .45rem}
        .row{display:flex;gap:.5rem;align-items:flex-end}
        .co textarea{flex:1;min-width:0;resize:none;max-height:10rem;padding:.45rem .6rem;border:1px solid var(--line);
        border-radius:.5rem;background:var(--bg);line-height:1.4}
        .co .btn{padding:.45rem 1rem}
        .tips{display:flex;gap:.4rem;align-items:center;margin-top:.4rem;overflow-x:auto;white-space:nowrap}
        .chip{border:1px solid var(--line);background:var(--bg);border-radius:1rem;padding:.05rem .6rem;cursor:pointer;
        font:.78rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .chip:hover{border-color:var(--accent);color:var(--accent)}
        .keys{margin-left:auto;padding-left:.5rem}
        .badge{display:inline-block;min-width:1.2rem;padding:0 .35rem;border-radius:1rem;background:var(--accent);
        color:var(--on);font-size:.72rem;font-weight:700;text-align:center}
        .badge[hidden]{display:none}
        @media (max-width:1100px){
        .keys{display:none}
        }
        @media (max-width:720px){
        header{padding:.5rem .75rem}
        .who{margin-left:0}
        .who .hint{flex-basis:100%}
        main{padding:.5rem;gap:.5rem;grid-template-columns:minmax(0,1fr);grid-template-rows:auto minmax(0,1fr) auto;
        grid-template-areas:"tb" "ch" "co"}
        #dmpane{grid-area:ch}
        .tabs{grid-area:tb;display:flex;gap:.25rem;padding:.2rem;background:var(--panel);border:1px solid var(--line);
        border-radius:.6rem}
        .tabs button{flex:1;white-space:nowrap;border:0;background:none;padding:.35rem;border-radius:.45rem;
        font-weight:600;color:var(--muted);cursor:pointer}
        .tabs [aria-selected=true]{background:var(--soft);color:var(--accent)}
        main[data-tab=dm] #chpane,main:not([data-tab=dm]) #dmpane{display:none}
        .pane h2{display:none}
        .msg{padding:.45rem .75rem}
        }
        </style>
        </head>
        <body>
        <header>
        <h1><span class="logo" aria-hidden="true">&#10022;</span>Convener playground</h1>
        <form class="who" id="who" novalidate>
        <label for="member">You are</label>
        <input id="member" list="members" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="32"
        aria-describedby="mhint">
        <datalist id="members"></datalist>
        <button class="btn" type="submit">Switch</button>
        <label for="community" id="clabel" hidden>in</label>
        <select id="community" hidden></select>
        <span class="hint" id="mhint"><span class="werr" id="merr" role="alert"></span>
        <span id="mtip"><button class="link" type="button" id="toconv">convenor</button> is the community&rsquo;s
        convenor.</span></span>
        </form>
        </header>
        <div class="banner" id="banner" role="status" hidden><span>Can&rsquo;t reach Convener. Retrying&hellip;</span>
        <button class="btn" type="button" id="retry">Retry now</button></div>
        <noscript><p class="sys">The playground needs JavaScript.</p></noscript>
        <main id="main">
        <div class="tabs" role="tablist" aria-label="Views">
        <button type="button" role="tab" id="tch" aria-controls="chpane" aria-selected="true"># community</button>
        <button type="button" role="tab" id="tdm" aria-controls="dmpane" aria-selected="false"
        tabindex="-1">Direct messages
        <span class="badge" id="badge" hidden></span></button>
        </div>
        <section class="pane" id="chpane" aria-labelledby="chh">
        <h2 id="chh"># community <small>channel</small></h2>
        <ol class="log" id="ch" role="log" aria-labelledby="chh" tabindex="0"></ol>
        </section>
        <form class="co" id="co" novalidate>
        <div class="row">
        <label class="sr" for="text">Message</label>
        <textarea id="text" rows="1" maxlength="4000" placeholder="Message" aria-describedby="keys"></textarea>
        <button class="btn pri" type="submit">Send</button>
        </div>
        <div class="tips hint" id="tips">Try
        <span class="keys" id="keys">Enter sends &middot; Shift+Enter for a new line</span></div>
        </form>
        <section class="pane" id="dmpane" aria-labelledby="dmh">
        <h2 id="dmh">Direct messages <small>to <span class="dmwho">alice</span></small></h2>
        <ol class="log" id="dm" role="log" aria-labelledby="dmh" tabindex="0"></ol>
        </section>
        </main>
        <script>
        (() => {
        'use strict';
        const $ = (s) => document.querySelector(s);
        const PAGE = location.pathname.replace(/\/+$/, '');
        const BASE = (/\/playground$/.test(PAGE) ? PAGE : '/playground') + '/api/';
        const NAME = /^[A-Za-z0-9._-]{1,32}$/;
        const KM = 'convener.playground.member', KL = 'convener.playground.members';
        const ch = $('#ch'), dm = $('#dm'), main = $('#main'), text = $('#text'), who = $('#member');
        const banner = $('#banner');
        let member = '', after = 0, gen = 0, uid = 0, last = '', unread = 0;
        let fails = 0, timer = 0, loopId = 0, pending = 0;
        let chain = Promise.resolve(), pollErr = '', epoch = 0, stale = false;
        const byId = new Map();

        const load = (k, d) => {
          try { const v = localStorage.getItem(k); return v == null ? d : JSON.parse(v); } catch { return d; }
        };
        const save = (k, v) => { try { localStorage.setItem(k, JSON.stringify(v)); } catch { /* private mode */ } };

        function el(tag, attrs, ...kids) {
          const e = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) {
            if (v == null || v === false) continue;
            if (k === 'text') e.textContent = v;
            else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
            else e.setAttribute(k === 'cls' ? 'class' : k, v === true ? '' : v);
          }
          for (const c of kids) if (c != null) e.append(c);
          return e;
        }

        // Only text nodes and fixed elements are built, so message text can never become markup.
        const RX = new RegExp([/```\n?([\s\S]*?)```\n?/, /`([^`\n]+)`/, /(^|[^\w*])\*([^*\n]+)\*(?![\w*])/,
          /(^|[^\w])_([^_\n]+)_(?!\w)/, /(https?:\/\/[^\s<>]*[^\s<>.,;:!?)'"\]])/, /(^|[^\w@])@([\w.-]*\w)/]
          .map((r) => r.source).join('|'), 'g');
        function fmt(s) {
          const f = document.createDocumentFragment();
          let i = 0, m;
          RX.lastIndex = 0;
          while ((m = RX.exec(s))) {
            f.append(s.slice(i, m.index));
            if (m[1] != null) f.append(el('pre', null, el('code', { text: m[1].replace(/\n$/, '') })));
            else if (m[2] != null) f.append(el('code', { text: m[2] }));
            else if (m[4] != null) f.append(m[3], el('strong', { text: m[4] }));
            else if (m[6] != null) f.append(m[5], el('em', { text: m[6] }));
            else if (m[7] != null) {
              f.append(el('a', { href: m[7], target: '_blank', rel: 'noopener noreferrer', text: m[7] }));
            }
            else f.append(m[8], el('span', { cls: 'at' + (m[9].toLowerCase() === member.toLowerCase() ? ' me' : ''),
              text: '@' + m[9] }));
            i = RX.lastIndex;
          }
          f.append(s.slice(i));
          return f;
        }

        // The bot names members as structured mentions (offsets in UTF-16 units, as JS strings count): exactly
        // those are highlighted, as text nodes like everything else; the text around them is formatted as usual.
        function txt(m) {
          const s = String(m.text || ''), ms = Array.isArray(m.mentions) ? m.mentions : [];
          if (!ms.length) return fmt(s);
          const f = document.createDocumentFragment();
          let i = 0;
          for (const x of ms.slice().sort((a, b) => a.offset - b.offset)) {
            if (!(x.offset >= i && x.length > 0 && x.offset + x.length <= s.length)) continue;
            const who = String(x.member);
            f.append(fmt(s.slice(i, x.offset)), el('span', { cls: 'at' + (who.toLowerCase() === member.toLowerCase()
              ? ' me' : ''), title: who, text: s.slice(x.offset, x.offset + x.length) }));
            i = x.offset + x.length;
          }
          f.append(fmt(s.slice(i)));
          return f;
        }

        function avatar(name, bot) {
          let h = 0;
          for (const c of name.toLowerCase()) h = (h * 31 + c.codePointAt(0)) % 360;
          const a = el('div', { cls: 'av' + (bot ? ' bot' : ''), 'aria-hidden': 'true',
            text: bot ? '\u2726' : name.slice(0, 1).toUpperCase() });
          if (!bot) a.style.background = 'hsl(' + h + ' 45% 46%)';
          return a;
        }

        function render(m, cmd) {
          const bot = m.author == null;
          const name = bot ? 'Convener' : m.author;
          const mine = !bot && name.toLowerCase() === member.toLowerCase();
          const li = el('li', { cls: 'msg' + (m.ephemeral && !cmd ? ' eph' : '') + (cmd ? ' cmd' : ''),
            'data-root': m.updates || m.id });
          const body = el('div', { cls: 'bd' }, el('div', { cls: 'meta' }, el('span', { cls: 'name', text: name }),
            bot ? el('span', { cls: 'tag', text: 'bot' }) : mine ? el('span', { cls: 'note', text: '(you)' }) : null,
            m.ephemeral ? el('span', { cls: 'note', text: 'Only visible to you' }) : null),
          el('div', { cls: 'txt' }, txt(m)));
          if (m.actions && m.actions.length) {
            body.append(el('div', { cls: 'acts' }, ...m.actions.map((a) => el('button', { cls: 'btn', type: 'button',
              'data-action': a.id, text: a.label, onclick: () => act(li, a) }))));
          }
          if (m.form) body.append(formEl(m.form, li));
          li.append(avatar(name, bot), body);
          return li;
        }

        function near(pane) { return pane.scrollHeight - pane.scrollTop - pane.clientHeight < 96; }

        function show(m, pane, force, cmd) {
          if (!m || typeof m.id !== 'string') return;
          if (!m.updates && byId.has(m.id) && byId.get(m.id).isConnected) return;
          const old = m.updates && byId.get(m.updates);
          const li = render(m, cmd);
          if (old && old.isConnected) {
            const a = document.activeElement, key = old.contains(a) && a.dataset ? a.dataset.action : null;
            li.dataset.root = old.dataset.root;
            old.replaceWith(li);
            for (const [k, v] of byId) if (v === old) byId.set(k, li);
            if (key) { for (const b of li.querySelectorAll('[data-action]')) if (b.dataset.action === key) b.focus(); }
          } else {
            const stick = force || near(pane);
            pane.append(li);
            if (stick) pane.scrollTop = pane.scrollHeight;
            if (pane.offsetParent === null) {
              pane.dataset.dirty = '1';
              if (pane === dm) { unread++; badge(); }
            }
          }
          byId.set(m.id, li);
          if (m.updates) byId.set(m.updates, li);
        }

        function sys(pane, e) {
          pane.append(el('li', { cls: 'sys', role: 'alert' }, '\u26A0 ' + (e && e.message ? e.message : String(e))));
          pane.scrollTop = pane.scrollHeight;
        }

        // The community picker: hidden with a single community; its choice goes with every message, click and form.
        const picker = document.getElementById('community');
        (async () => {
          try {
            const r = await fetch(BASE + 'communities', { cache: 'no-store' });
            const list = (await r.json()).communities || [];
            for (const c of list) picker.append(el('option', { value: c.id }, c.name));
            picker.hidden = document.getElementById('clabel').hidden = list.length < 2;
          } catch { /* the first community answers */ }
        })();

        async function api(path, body) {
          let res;
          if (body !== undefined && picker.value) body = Object.assign({ community: picker.value }, body);
          try {
            res = await fetch(BASE + path, body === undefined ? { cache: 'no-store' } : { method: 'POST',
              headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          } catch (err) {
            offline(true);
            const e = new Error('Could not reach Convener; check that it is running, then try again.');
            e.net = true;
            throw e;
          }
          offline(false);
          const raw = await res.text();
          let data = null;
          try { data = JSON.parse(raw); } catch { /* plain text */ }
          if (!res.ok) {
            const msg = data && data.error && data.error.message;
            throw new Error(msg || raw.trim().slice(0, 500) || 'Convener answered ' + res.status + '.');
          }
          return data || {};
        }

        function offline(on) {
          // The timeline lives in the daemon's memory: after an outage (maybe a restart) reload it from the start.
          if (!on && fails) stale = true;
          fails = on ? fails + 1 : 0;
          banner.hidden = !on;
        }

        async function pollOnce() {
          const e = epoch;
          try {
            const r = await api('timeline?member=' + encodeURIComponent(member) + '&after=' + after);
            if (e !== epoch) return;
            if (stale) { stale = false; clear(); return pollOnce(); }
            pollErr = '';
            const first = after === 0;
            for (const it of r.items || []) show(it.message, it.where === 'dm' ? dm : ch, first);
            if (typeof r.next === 'number' && r.next > after) after = r.next;
          } catch (err) {
            if (e === epoch && !err.net && err.message !== pollErr) { pollErr = err.message; sys(ch, err); }
          }
        }
        function poll() {
          pending++;
          chain = chain.then(pollOnce).finally(() => pending--);
          return chain;
        }
        async function loop(id) {
          if (id !== loopId) return;
          if (!pending) await poll();
          if (id !== loopId) return;
          timer = setTimeout(() => loop(id), fails ? Math.min(15000, 1000 * 2 ** Math.min(fails, 4)) :
            document.hidden ? 5000 : 1000);
        }
        function kick() { clearTimeout(timer); loop(++loopId); }

        async function replies(r, pane, g) {
          await poll();
          if (g !== gen) return;
          for (const m of (r && r.replies) || []) if (m.ephemeral) show(m, pane, true);
        }

        async function act(li, a) {
          // aria-busy rather than disabled: disabling the focused button would drop keyboard focus.
          if (li.getAttribute('aria-busy')) return;
          const g = gen, pane = li.parentNode;
          li.setAttribute('aria-busy', 'true');
          try {
            await replies(await api('actions', { member, message: li.dataset.root, action: a.id }), pane, g);
          } catch (e) {
            if (g === gen) sys(pane, e);
          } finally {
            li.removeAttribute('aria-busy');
          }
        }

        function formEl(f, li) {
          const k = 'f' + (++uid), wrap = el('fieldset');
          const form = el('form', { cls: 'card', novalidate: true, 'aria-labelledby': k + 't' },
            el('h3', { id: k + 't', text: f.title || 'Form' }), wrap);
          (f.fields || []).forEach((d, i) => {
            const id = k + '_' + i;
            const req = d.required ? el('span', { cls: 'req', 'aria-hidden': 'true', text: ' *' }) : null;
            if (d.kind === 'text' || d.kind === 'textarea') {
              wrap.append(el('div', { cls: 'fld', id: id + 'w' }, el('label', { for: id }, d.label, req),
                el(d.kind === 'text' ? 'input' : 'textarea', { id, type: d.kind === 'text' ? 'text' : null,
                  rows: d.kind === 'textarea' ? 3 : null, 'aria-required': d.required ? 'true' : null })));
              return;
            }
            const opts = d.kind === 'scale' ? '12345'.split('').map((n) => ({ id: n, label: n })) : d.options || [];
            wrap.append(el('fieldset', { cls: 'fld ' + d.kind, id: id + 'w' }, el('legend', null, d.label, req),
              el('div', { cls: 'opts' }, ...opts.map((o) => el('label', null, el('input', { type: d.kind === 'multi' ?
                'checkbox' : 'radio', name: id, value: o.id }), el('span', { text: o.label })))),
              d.kind === 'scale' ? el('div', { cls: 'hint', text: '1 = lowest, 5 = highest' }) : null));
          });
          const stat = el('span', { cls: 'fstat', role: 'status' });
          const btn = el('button', { cls: 'btn pri', type: 'submit', text: f.submitLabel || 'Submit' });
          form.append(el('div', { cls: 'frow' }, btn, stat));
          form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            const values = {};
            let missing = null;
            (f.fields || []).forEach((d, i) => {
              const id = k + '_' + i, w = form.querySelector('#' + id + 'w');
              let v;
              if (d.kind === 'text' || d.kind === 'textarea') v = form.querySelector('#' + id).value.trim() || null;
              else if (d.kind === 'multi') {
                v = [...w.querySelectorAll('input:checked')].map((x) => x.value);
                if (!v.length) v = null;
              } else v = (w.querySelector('input:checked') || {}).value || null;
              w.removeAttribute('aria-invalid');
              if (v != null) values[d.id] = v;
              else if (d.required) { w.setAttribute('aria-invalid', 'true'); missing = missing || [d, w]; }
            });
            stat.className = 'fstat';
            if (missing) {
              stat.classList.add('bad');
              stat.textContent = 'Please answer \u201C' + missing[0].label + '\u201D.';
              missing[1].querySelector('input,textarea').focus();
              return;
            }
            const g = gen, pane = li.parentNode;
            wrap.disabled = btn.disabled = true;
            stat.textContent = 'Sending\u2026';
            try {
              const r = await api('forms', { member, form: f.id, values });
              stat.textContent = '\u2713 Submitted';
              btn.hidden = true;
              await replies(r, pane, g);
            } catch (e) {
              wrap.disabled = btn.disabled = false;
              stat.classList.add('bad');
              stat.textContent = e.message;
            }
          });
          return form;
        }

        async function send() {
          const t = text.value.trim();
          if (!t) return;
          const g = gen, me = member;
          last = t;
          text.value = '';
          grow();
          if (t[0] === '/') show({ id: 'local-' + (++uid), text: t, author: me, ephemeral: true }, ch, true, true);
          try {
            await replies(await api('messages', { member: me, text: t }), ch, g);
          } catch (e) {
            if (e.net && !text.value) { text.value = t; grow(); }
            if (g === gen) sys(ch, e);
          }
        }

        function grow() { text.style.height = 'auto'; text.style.height = Math.min(text.scrollHeight + 2, 160) + 'px'; }

        function badge() {
          const b = $('#badge');
          b.hidden = !unread;
          b.textContent = unread;
          b.setAttribute('aria-label', unread + ' unread');
        }

        function tab(t, focus) {
          main.dataset.tab = t;
          for (const b of [$('#tch'), $('#tdm')]) {
            const on = b.id === (t === 'dm' ? 'tdm' : 'tch');
            b.setAttribute('aria-selected', on);
            b.tabIndex = on ? 0 : -1;
            if (on && focus) b.focus();
          }
          if (t === 'dm') { unread = 0; badge(); }
          const pane = t === 'dm' ? dm : ch;
          if (pane.dataset.dirty) { delete pane.dataset.dirty; pane.scrollTop = pane.scrollHeight; }
        }

        function setMember(raw) {
          const name = raw.trim();
          if (!NAME.test(name)) {
            who.setAttribute('aria-invalid', 'true');
            $('#merr').textContent = 'Use 1\u201332 letters, digits, dots, dashes or underscores. ';
            return;
          }
          who.removeAttribute('aria-invalid');
          $('#merr').textContent = '';
          who.value = name;
          if (name === member) return;
          member = name;
          save(KM, name);
          const list = load(KL, []).filter((n) => typeof n === 'string' && n.toLowerCase() !== name.toLowerCase());
          const names = [name, ...list, 'alice', 'bob', 'convenor'].filter((n, i, a) =>
            a.findIndex((x) => x.toLowerCase() === n.toLowerCase()) === i).slice(0, 20);
          save(KL, names);
          $('#members').replaceChildren(...names.map((n) => el('option', { value: n })));
          for (const s of document.querySelectorAll('.dmwho')) s.textContent = name;
          text.placeholder = 'Message as ' + name;
          gen++;
          clear();
          kick();
        }

        function clear() {
          epoch++;
          after = 0;
          byId.clear();
          pollErr = '';
          unread = 0;
          badge();
          ch.replaceChildren(el('li', { cls: 'empty',
            text: 'No messages yet. Say hello, or type /cop help to see what Convener can do.' }));
          dm.replaceChildren(el('li', { cls: 'empty', text: 'No direct messages to ' + member + ' yet.' }));
        }

        $('#who').addEventListener('submit', (e) => { e.preventDefault(); setMember(who.value); text.focus(); });
        who.addEventListener('change', () => setMember(who.value));
        $('#toconv').addEventListener('click', () => { setMember('convenor'); text.focus(); });
        $('#retry').addEventListener('click', kick);
        $('#co').addEventListener('submit', (e) => { e.preventDefault(); send(); });
        text.addEventListener('input', grow);
        text.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
          else if (e.key === 'ArrowUp' && !text.value && last) { e.preventDefault(); text.value = last; grow(); }
        });
        for (const c of ['/cop help', '/cop poll "Lunch?" "Pizza" "Sushi"', '/cop me']) {
          $('#tips').insertBefore(el('button', { cls: 'chip', type: 'button', text: c, onclick: () => {
            text.value = c; grow(); text.focus();
          } }), $('#tips .keys'));
        }
        $('#tch').addEventListener('click', () => tab('ch'));
        $('#tdm').addEventListener('click', () => tab('dm'));
        $('.tabs').addEventListener('keydown', (e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') tab(main.dataset.tab === 'dm' ? 'ch' : 'dm', true);
        });
        for (const p of [ch, dm]) {
          // Keep a pane pinned to its newest message when it shrinks (banner, on-screen keyboard) while at the end.
          p.atEnd = true;
          p.addEventListener('scroll', () => { p.atEnd = near(p); }, { passive: true });
          new ResizeObserver(() => { if (p.atEnd) p.scrollTop = p.scrollHeight; }).observe(p);
        }
        document.addEventListener('visibilitychange', () => { if (!document.hidden) kick(); });
        tab('ch');
        setMember(new URLSearchParams(location.search).get('member') || load(KM, 'alice') || 'alice');
        if (!NAME.test(member)) setMember('alice');
        })();
        </script>
        </body>
        </html>
        """#
}
