// The page at GET /_sandbox/: what the sandbox holds, for a person to look at while their tests or app run.
// One self-contained HTML document with inline CSS and script (no build step, nothing fetched from elsewhere):
// it polls GET /_sandbox/users and GET /_sandbox/notifications once a second and redraws the users, their
// media with thumbnails (GET /_sandbox/users/{profileId}/media/{identifier}, which no scripted failure touches),
// the active image of each, and the notification log. Kept as a string in a module so it ships with the
// built package like any other source.

/** How often the page asks for fresh data, in ms. */
export const PAGE_POLL_MS = 1000;

export const SANDBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>profile-contracts sandbox</title>
<style>
  :root { font: 14px/1.4 system-ui, sans-serif; color: #1d2430; background: #f5f6f8; }
  body { margin: 0 auto; max-width: 1100px; padding: 16px 24px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 24px 0 8px; }
  .muted { color: #667085; }
  .user { background: #fff; border: 1px solid #d0d5dd; border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; }
  .user header { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
  .user header b { font-family: ui-monospace, monospace; }
  .media { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 10px; }
  figure { margin: 0; width: 132px; border: 2px solid #e4e7ec; border-radius: 6px; padding: 6px; background: #fafafa; }
  figure.active { border-color: #12b76a; background: #ecfdf3; }
  figure .thumb { width: 116px; height: 116px; display: flex; align-items: center; justify-content: center; background: #fff; overflow: hidden; }
  figure img { max-width: 100%; max-height: 100%; image-rendering: pixelated; }
  figcaption { font-size: 12px; word-break: break-all; margin-top: 4px; }
  .badge { display: inline-block; font-size: 11px; font-weight: 600; color: #fff; background: #12b76a; border-radius: 4px; padding: 0 5px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; border-bottom: 1px solid #e4e7ec; padding: 4px 8px; font-size: 12px; vertical-align: top; }
  td code { font-size: 11px; }
  #status { font-size: 12px; }
</style>
</head>
<body>
<h1>profile-contracts sandbox</h1>
<div class="muted">Users, their media and the notification log, updated every second. <span id="status"></span></div>
<h2>Users <span class="muted" id="user-count"></span></h2>
<div id="users"><p class="muted">Loading…</p></div>
<h2>Notifications <span class="muted" id="notification-count"></span></h2>
<table>
  <thead><tr><th>#</th><th>eventTrigger</th><th>profileId</th><th>profileImage in body</th><th>messageId</th></tr></thead>
  <tbody id="notifications"></tbody>
</table>
<script>
(() => {
  const POLL_MS = ${PAGE_POLL_MS};
  const base = location.pathname.replace(/\\/?$/, '/');
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  };
  const isImage = (format) => /^image\\/(png|jpeg|gif|webp)$/.test(format);

  function renderUsers(users) {
    document.getElementById('user-count').textContent = '(' + users.length + ')';
    const root = document.getElementById('users');
    if (users.length === 0) {
      root.replaceChildren(el('p', { class: 'muted' }, 'No users yet. Create one with POST /token?grant_type=guest.'));
      return;
    }
    root.replaceChildren(...users.map((user) => {
      const head = el('header', {},
        el('b', {}, user.profileId),
        el('span', { class: 'muted' }, user.identificationLevel),
        el('span', { class: 'muted' }, 'tokens: ' + user.tokens.join(', ')),
        el('span', { class: 'muted' }, user.media.length + ' media, ' + user.bytes + ' bytes'),
        el('span', {}, user.activeImage ? 'active image: ' + user.activeImage : 'no active image'));
      const media = el('div', { class: 'media' }, ...user.media.map((item) => {
        const active = item.identifier === user.activeImage;
        const src = base + 'users/' + encodeURIComponent(user.profileId) + '/media/' + encodeURIComponent(item.identifier);
        const thumb = el('div', { class: 'thumb' },
          isImage(item.encodingFormat) ? el('img', { src, alt: item.name }) : el('span', { class: 'muted' }, item.encodingFormat));
        const caption = el('figcaption', {},
          active ? el('span', { class: 'badge' }, 'ACTIVE') : '', active ? ' ' : '',
          item.name, el('br'), el('span', { class: 'muted' }, (item.additionalType || 'no type') + ' · ' + item.contentSize + ' B'));
        return el('figure', { class: active ? 'active' : '', 'data-identifier': item.identifier }, thumb, caption);
      }));
      return el('section', { class: 'user', 'data-profile-id': user.profileId }, head, media);
    }));
  }

  function renderNotifications(messages) {
    document.getElementById('notification-count').textContent = '(' + messages.length + ')';
    document.getElementById('notifications').replaceChildren(...messages.map((m, i) => el('tr', {},
      el('td', {}, String(i + 1)),
      el('td', {}, m.properties.eventTrigger),
      el('td', {}, el('code', {}, m.properties.profileId)),
      el('td', {}, m.body.profileImage ? el('code', {}, m.body.profileImage) : el('span', { class: 'muted' }, '(none)')),
      el('td', {}, el('code', {}, m.properties.messageId)))));
  }

  // Redraw only when the data changed, so thumbnails do not flicker and text can be selected.
  let shown = '';
  async function poll() {
    try {
      const [users, messages] = await Promise.all([
        fetch(base + 'users').then((r) => r.json()),
        fetch(base + 'notifications').then((r) => r.json()),
      ]);
      const text = JSON.stringify([users, messages]);
      if (text !== shown) {
        shown = text;
        renderUsers(users);
        renderNotifications(messages);
      }
      document.getElementById('status').textContent = 'Last update ' + new Date().toLocaleTimeString() + '.';
      document.body.dataset.updated = String(Date.now());
    } catch (err) {
      document.getElementById('status').textContent = 'Cannot reach the sandbox (' + err.message + '); retrying.';
    }
    setTimeout(poll, POLL_MS);
  }
  poll();
})();
</script>
</body>
</html>
`;
