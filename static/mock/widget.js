  // The widget a visitor sees: launcher, unread badge and chat panel in an open shadow root,
  // in nine languages, usable by keyboard and screen reader. It renders the SDK's state `S`.

  const TEXTS = {
    en: {
      title: 'Chat with us', subtitle: 'We usually reply within a few minutes',
      greeting: 'Hi there! How can we help you today?', placeholder: 'Type a message…',
      send: 'Send', signedInAs: 'Signed in as', team: 'Support team',
      openChat: 'Open chat', closeChat: 'Close chat', unread: '{n} unread messages', messages: 'Messages',
    },
    'zh-cn': {
      title: '在线客服', subtitle: '我们通常会在几分钟内回复',
      greeting: '您好!请问有什么可以帮您?', placeholder: '输入消息…',
      send: '发送', signedInAs: '当前用户', team: '客服团队',
      openChat: '打开聊天', closeChat: '关闭聊天', unread: '{n} 条未读消息', messages: '消息',
    },
    'zh-tw': {
      title: '線上客服', subtitle: '我們通常會在幾分鐘內回覆',
      greeting: '您好!請問有什麼可以幫您?', placeholder: '輸入訊息…',
      send: '傳送', signedInAs: '目前使用者', team: '客服團隊',
      openChat: '開啟聊天', closeChat: '關閉聊天', unread: '{n} 則未讀訊息', messages: '訊息',
    },
    ja: {
      title: 'チャットサポート', subtitle: '通常数分以内に返信します',
      greeting: 'こんにちは!ご用件をお聞かせください。', placeholder: 'メッセージを入力…',
      send: '送信', signedInAs: 'ログイン中', team: 'サポートチーム',
      openChat: 'チャットを開く', closeChat: 'チャットを閉じる', unread: '未読メッセージ {n} 件', messages: 'メッセージ',
    },
    ko: {
      title: '채팅 상담', subtitle: '보통 몇 분 안에 답변드립니다',
      greeting: '안녕하세요! 무엇을 도와드릴까요?', placeholder: '메시지를 입력하세요…',
      send: '전송', signedInAs: '로그인 사용자', team: '고객지원팀',
      openChat: '채팅 열기', closeChat: '채팅 닫기', unread: '읽지 않은 메시지 {n}개', messages: '메시지',
    },
    de: {
      title: 'Chatten Sie mit uns', subtitle: 'Wir antworten meist innerhalb weniger Minuten',
      greeting: 'Hallo! Wie können wir Ihnen heute helfen?', placeholder: 'Nachricht eingeben…',
      send: 'Senden', signedInAs: 'Angemeldet als', team: 'Support-Team',
      openChat: 'Chat öffnen', closeChat: 'Chat schließen', unread: '{n} ungelesene Nachrichten', messages: 'Nachrichten',
    },
    fr: {
      title: 'Discutez avec nous', subtitle: 'Nous répondons généralement en quelques minutes',
      greeting: 'Bonjour ! Comment pouvons-nous vous aider ?', placeholder: 'Écrivez un message…',
      send: 'Envoyer', signedInAs: 'Connecté en tant que', team: 'Équipe support',
      openChat: 'Ouvrir le chat', closeChat: 'Fermer le chat', unread: '{n} messages non lus', messages: 'Messages',
    },
    pt: {
      title: 'Fale conosco', subtitle: 'Normalmente respondemos em poucos minutos',
      greeting: 'Olá! Como podemos ajudar hoje?', placeholder: 'Digite uma mensagem…',
      send: 'Enviar', signedInAs: 'Conectado como', team: 'Equipe de suporte',
      openChat: 'Abrir chat', closeChat: 'Fechar chat', unread: '{n} mensagens não lidas', messages: 'Mensagens',
    },
    ru: {
      title: 'Чат с поддержкой', subtitle: 'Обычно отвечаем в течение нескольких минут',
      greeting: 'Здравствуйте! Чем мы можем помочь?', placeholder: 'Введите сообщение…',
      send: 'Отправить', signedInAs: 'Вы вошли как', team: 'Служба поддержки',
      openChat: 'Открыть чат', closeChat: 'Закрыть чат', unread: 'Непрочитанных сообщений: {n}', messages: 'Сообщения',
    },
  };

  // Texts used by agentMessages(n) when no texts are given.
  // ------------------------------------------------------------------ the widget UI

  const ICON_CHAT = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1-.2 1.3-.8 2.6-1.8 3.6-.2.2 0 .6.3.6 2 0 3.8-.7 5.1-1.7 1 .3 2.1.4 3.3.4 5.5 0 10-3.8 10-8.5S17.5 3 12 3Zm-4.5 9.8a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Z"/></svg>';
  const ICON_CHEVRON = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" d="m6 9 6 6 6-6"/></svg>';
  const ICON_CLOSE = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/></svg>';
  const ICON_SEND = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>';
  const ICON_AGENT = '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M12 2a7 7 0 0 0-7 7v3.2A2.8 2.8 0 0 0 3 15v1a3 3 0 0 0 3 3h1v-8H7V9a5 5 0 0 1 10 0v2h-.1v8H17a2 2 0 0 1-2 2h-2a1 1 0 1 0 0 2h2a4 4 0 0 0 4-3.6 3 3 0 0 0 2-2.4v-1a2.8 2.8 0 0 0-2-2.8V9a7 7 0 0 0-7-7Z"/></svg>';

  const STYLE = [
    ':host{all:initial}',
    '[hidden]{display:none!important}',
    '.twt-mock-root{--twt-right:20px;--twt-bottom:20px;--accent:#4f46e5;--accent-2:#7c3aed;',
    '  --bg:#ffffff;--surface:#f4f5fb;--text:#111827;--muted:#4b5563;--border:#e5e7eb;',
    '  --agent-bubble:#ffffff;--agent-text:#111827;--shadow:0 24px 60px rgba(15,23,42,.22),0 4px 14px rgba(15,23,42,.08);',
    '  font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","PingFang SC","Hiragino Sans","Microsoft YaHei","Malgun Gothic",sans-serif;',
    '  font-size:14px;line-height:1.45;color:var(--text);-webkit-font-smoothing:antialiased}',
    '.twt-mock-root.twt-mock-dark{--bg:#111827;--surface:#0b1120;--text:#f3f4f6;--muted:#9ca3af;--border:#1f2937;',
    '  --agent-bubble:#1f2937;--agent-text:#f3f4f6;--shadow:0 24px 60px rgba(0,0,0,.55),0 4px 14px rgba(0,0,0,.35)}',
    '.twt-mock-root *{box-sizing:border-box}',
    // launcher
    '.twt-mock-launcher{position:fixed;right:var(--twt-right);bottom:var(--twt-bottom);z-index:2147483000;',
    '  width:60px;height:60px;border:0;border-radius:50%;padding:0;cursor:pointer;color:#fff;display:grid;place-items:center;',
    '  background:linear-gradient(135deg,var(--accent),var(--accent-2));box-shadow:0 10px 28px rgba(79,70,229,.45);',
    '  transition:transform .18s ease,box-shadow .18s ease}',
    '.twt-mock-launcher:hover{transform:translateY(-2px) scale(1.04);box-shadow:0 14px 34px rgba(79,70,229,.55)}',
    '.twt-mock-launcher:focus-visible{outline:3px solid #a5b4fc;outline-offset:3px}',
    '.twt-mock-close:focus-visible,.twt-mock-send:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}',
    '.twt-mock-messages:focus-visible{outline:2px solid var(--accent);outline-offset:-2px}',
    '.twt-mock-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}',
    '.twt-mock-launcher .twt-mock-icon-close{display:none}',
    '.twt-mock-launcher.twt-mock-is-open .twt-mock-icon-chat{display:none}',
    '.twt-mock-launcher.twt-mock-is-open .twt-mock-icon-close{display:block}',
    '.twt-mock-icon-chat,.twt-mock-icon-close{display:block;line-height:0}',
    '.twt-mock-badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;',
    '  background:#dc2626;color:#fff;font:700 12px/18px system-ui,sans-serif;text-align:center;border:2px solid #fff;',
    '  box-shadow:0 2px 6px rgba(239,68,68,.45)}',
    // panel
    '.twt-mock-panel{position:fixed;right:var(--twt-right);bottom:calc(var(--twt-bottom) + 76px);z-index:2147483001;',
    '  width:370px;max-width:calc(100vw - 24px);height:min(600px,calc(100vh - var(--twt-bottom) - 100px));min-height:320px;',
    '  display:flex;flex-direction:column;background:var(--bg);border-radius:18px;overflow:hidden;box-shadow:var(--shadow);',
    '  border:1px solid var(--border);animation:twt-mock-pop .2s ease-out;transform-origin:bottom right}',
    '.twt-mock-no-launcher .twt-mock-panel{bottom:var(--twt-bottom);height:min(600px,calc(100vh - var(--twt-bottom) - 24px))}',
    '@keyframes twt-mock-pop{from{opacity:0;transform:translateY(12px) scale(.97)}to{opacity:1;transform:none}}',
    '@media (prefers-reduced-motion:reduce){.twt-mock-panel{animation:none}.twt-mock-launcher{transition:none}}',
    '.twt-mock-header{display:flex;align-items:flex-start;gap:12px;padding:18px 16px 16px 18px;color:#fff;',
    '  background:linear-gradient(135deg,var(--accent),var(--accent-2))}',
    '.twt-mock-avatar{position:relative;flex:0 0 42px;height:42px;border-radius:50%;display:grid;place-items:center;',
    '  background:rgba(255,255,255,.2);color:#fff}',
    '.twt-mock-online{position:absolute;right:0;bottom:1px;width:11px;height:11px;border-radius:50%;background:#22c55e;border:2px solid #fff}',
    '.twt-mock-heading{flex:1;min-width:0}',
    '.twt-mock-title{margin:0;font-size:17px;font-weight:700;line-height:1.25;letter-spacing:.1px}',
    '.twt-mock-subtitle{margin:3px 0 0;font-size:12.5px;opacity:.88}',
    '.twt-mock-customer{margin:8px 0 0;display:inline-flex;gap:5px;align-items:baseline;max-width:100%;',
    '  padding:3px 10px;border-radius:999px;background:rgba(255,255,255,.18);font-size:12px}',
    '.twt-mock-customer-name{font-weight:700;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
    '.twt-mock-close{flex:0 0 auto;width:34px;height:34px;margin:-4px -4px 0 0;border:0;border-radius:10px;cursor:pointer;',
    '  color:#fff;background:transparent;display:grid;place-items:center}',
    '.twt-mock-close:hover{background:rgba(255,255,255,.18)}',
    // messages
    '.twt-mock-messages{flex:1;margin:0;padding:16px 14px;list-style:none;overflow-y:auto;background:var(--surface);',
    '  display:flex;flex-direction:column;gap:10px}',
    '.twt-mock-msg{display:flex;flex-direction:column;max-width:82%}',
    '.twt-mock-msg-agent{align-self:flex-start}',
    '.twt-mock-msg-visitor{align-self:flex-end;align-items:flex-end}',
    '.twt-mock-author{font-size:11.5px;color:var(--muted);margin:0 0 3px 4px}',
    '.twt-mock-bubble{padding:9px 13px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.twt-mock-msg-agent .twt-mock-bubble{background:var(--agent-bubble);color:var(--agent-text);border-bottom-left-radius:5px;',
    '  box-shadow:0 1px 2px rgba(15,23,42,.08);border:1px solid var(--border)}',
    '.twt-mock-msg-visitor .twt-mock-bubble{background:linear-gradient(135deg,var(--accent),var(--accent-2));color:#fff;border-bottom-right-radius:5px}',
    '.twt-mock-time{font-size:10.5px;color:var(--muted);margin:3px 6px 0}',
    // composer
    '.twt-mock-composer{display:flex;gap:8px;align-items:center;padding:12px;border-top:1px solid var(--border);background:var(--bg);margin:0}',
    '.twt-mock-input{flex:1;min-width:0;height:40px;padding:0 14px;border-radius:999px;border:1px solid var(--border);',
    '  background:var(--surface);color:var(--text);font:inherit;outline:none}',
    '.twt-mock-input:focus{border-color:var(--accent);box-shadow:0 0 0 3px rgba(99,102,241,.2)}',
    '.twt-mock-send{flex:0 0 40px;height:40px;border:0;border-radius:50%;cursor:pointer;color:#fff;display:grid;place-items:center;',
    '  background:linear-gradient(135deg,var(--accent),var(--accent-2))}',
    '.twt-mock-footer{padding:0 12px 10px;text-align:center;font-size:11px;color:var(--muted);background:var(--bg)}',
    '.twt-mock-pill{display:inline-block;margin-left:4px;padding:0 6px;border-radius:6px;border:1px solid var(--border);font-size:10px}',
    '@media (max-width:480px){.twt-mock-panel{right:12px;left:12px;width:auto}}',
  ].join('\n');

  const TEMPLATE =
    '<style>' + STYLE + '</style>' +
    '<div class="twt-mock-root" data-testid="twt-widget">' +
    '  <section class="twt-mock-panel" id="twt-mock-panel" data-testid="twt-panel" role="dialog" aria-labelledby="twt-mock-title" hidden>' +
    '    <div class="twt-mock-header" data-testid="twt-header">' +
    '      <div class="twt-mock-avatar">' + ICON_AGENT + '<span class="twt-mock-online"></span></div>' +
    '      <div class="twt-mock-heading">' +
    '        <h2 class="twt-mock-title" id="twt-mock-title" data-testid="twt-title"></h2>' +
    '        <p class="twt-mock-subtitle" data-testid="twt-subtitle"></p>' +
    '        <p class="twt-mock-customer" data-testid="twt-customer" hidden>' +
    '          <span class="twt-mock-customer-label" data-testid="twt-customer-label"></span>' +
    '          <span class="twt-mock-customer-name" data-testid="twt-customer-name"></span>' +
    '        </p>' +
    '      </div>' +
    '      <button type="button" class="twt-mock-close" data-testid="twt-close">' + ICON_CLOSE + '</button>' +
    '    </div>' +
    '    <ol class="twt-mock-messages" data-testid="twt-messages" tabindex="0"></ol>' +
    '    <form class="twt-mock-composer" data-testid="twt-composer">' +
    '      <input class="twt-mock-input" data-testid="twt-input" type="text" autocomplete="off" maxlength="2000">' +
    '      <button type="submit" class="twt-mock-send" data-testid="twt-send">' + ICON_SEND + '</button>' +
    '    </form>' +
    '    <div class="twt-mock-footer">Powered by <b>TWT Chat</b><span class="twt-mock-pill">mock</span></div>' +
    '  </section>' +
    '  <button type="button" class="twt-mock-launcher" data-testid="twt-launcher" aria-expanded="false" aria-controls="twt-mock-panel">' +
    '    <span class="twt-mock-icon-chat">' + ICON_CHAT + '</span>' +
    '    <span class="twt-mock-icon-close">' + ICON_CHEVRON + '</span>' +
    '    <span class="twt-mock-badge" data-testid="twt-badge" aria-hidden="true" hidden></span>' +
    '  </button>' +
    '  <div class="twt-mock-sr" data-testid="twt-announcer" aria-live="polite" aria-atomic="true"></div>' +
    '</div>';

  let ui = null;

  function mount() {
    if (ui) return;
    const host = document.createElement('div');
    host.id = 'twt-mock-widget';
    host.setAttribute('data-testid', 'twt-root');
    host.setAttribute('data-twt-mock', MOCK_VERSION);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = TEMPLATE; // a constant: no page-supplied data goes through innerHTML
    const $ = function (id) { return shadow.querySelector('[data-testid="' + id + '"]'); };
    ui = {
      host: host,
      root: $('twt-widget'),
      panel: $('twt-panel'),
      title: $('twt-title'),
      subtitle: $('twt-subtitle'),
      customer: $('twt-customer'),
      customerLabel: $('twt-customer-label'),
      customerName: $('twt-customer-name'),
      close: $('twt-close'),
      messages: $('twt-messages'),
      composer: $('twt-composer'),
      input: $('twt-input'),
      send: $('twt-send'),
      launcher: $('twt-launcher'),
      badge: $('twt-badge'),
      announcer: $('twt-announcer'),
    };
    // The visitor's own clicks: not API calls, so not recorded in __twt_mock__.calls.
    ui.launcher.addEventListener('click', function () { if (S.open) doClose(); else doOpen(); });
    ui.close.addEventListener('click', function () { doClose(); });
    ui.root.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || event.isComposing || !S.open) return;
      event.preventDefault();
      doClose();
    });
    ui.composer.addEventListener('submit', function (event) {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (!text) return;
      ui.input.value = '';
      S.messages.push({ id: S.nextId++, from: 'visitor', author: null, text: text, time: Date.now() });
      render();
      scrollToEnd();
    });
    document.body.appendChild(host);
  }

  function unmount() {
    if (!ui) return;
    if (ui.host.parentNode) ui.host.parentNode.removeChild(ui.host);
    ui = null;
  }

  function formatTime(time) {
    try {
      return new Date(time).toLocaleTimeString(LANG_TAGS[S.language], { hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return '';
    }
  }

  function messageElement(msg, t, testid) {
    const li = document.createElement('li');
    li.className = 'twt-mock-msg twt-mock-msg-' + msg.from;
    li.setAttribute('data-testid', testid);
    li.setAttribute('data-from', msg.from);
    if (msg.from === 'agent') {
      const author = document.createElement('span');
      author.className = 'twt-mock-author';
      author.textContent = msg.author || opts.agent || t.team;
      li.appendChild(author);
    }
    const bubble = document.createElement('div');
    bubble.className = 'twt-mock-bubble';
    bubble.setAttribute('data-testid', 'twt-message-text');
    bubble.textContent = msg.text;
    li.appendChild(bubble);
    const time = document.createElement('time');
    time.className = 'twt-mock-time';
    time.textContent = formatTime(msg.time);
    try { time.dateTime = new Date(msg.time).toISOString(); } catch (e) { /* no valid time */ }
    li.appendChild(time);
    return li;
  }

  /** Bring the DOM in line with S (idempotent; all page-supplied strings via textContent). */
  function render() {
    if (!ui) return;
    const t = TEXTS[S.language];
    const root = ui.root;
    root.classList.toggle('twt-mock-dark', S.theme === 'dark');
    root.classList.toggle('twt-mock-no-launcher', !S.launcher);
    root.setAttribute('data-theme', S.theme);
    root.setAttribute('data-lang', S.language);
    root.setAttribute('data-visibility', currentVisibility());
    root.setAttribute('lang', LANG_TAGS[S.language]);
    root.style.setProperty('--twt-right', S.position.right); // validated CSS lengths only
    root.style.setProperty('--twt-bottom', S.position.bottom);

    ui.launcher.hidden = !S.launcher;
    ui.launcher.classList.toggle('twt-mock-is-open', S.open);
    ui.launcher.setAttribute('aria-expanded', S.open ? 'true' : 'false');
    // The name says what the button does, then the unread count its badge shows.
    ui.launcher.setAttribute('aria-label', (S.open ? t.closeChat : t.openChat) + (S.unread ? ', ' + unreadLabel(t) : ''));
    ui.badge.hidden = S.unread === 0;
    ui.badge.textContent = S.unread > 99 ? '99+' : String(S.unread);

    ui.panel.hidden = !S.open;
    ui.messages.setAttribute('aria-label', t.messages);
    ui.title.textContent = t.title;
    ui.subtitle.textContent = t.subtitle;
    ui.close.setAttribute('aria-label', t.closeChat);
    ui.close.setAttribute('title', t.closeChat);
    ui.input.setAttribute('placeholder', t.placeholder);
    ui.input.setAttribute('aria-label', t.placeholder);
    ui.send.setAttribute('aria-label', t.send);
    ui.send.setAttribute('title', t.send);

    const shown = S.customer && (S.customer.name || S.customer.nickname);
    ui.customer.hidden = !shown;
    ui.customerLabel.textContent = t.signedInAs;
    ui.customerName.textContent = shown || '';

    const list = document.createDocumentFragment();
    list.appendChild(messageElement({ from: 'agent', author: null, text: t.greeting, time: S.bootStart }, t, 'twt-greeting'));
    S.messages.forEach(function (msg) { list.appendChild(messageElement(msg, t, 'twt-message')); });
    ui.messages.textContent = '';
    ui.messages.appendChild(list);
  }

  function scrollToEnd() {
    if (ui && S.open) ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /** The focused element, looking into open shadow roots (ours included). */
  function deepActiveElement() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  function isInWidget(el) {
    return !!(ui && el && (el === ui.host || (el.getRootNode && el.getRootNode() === ui.root.getRootNode())));
  }

  /** True while a click or key press of the visitor is being handled. */
  function userActivated() {
    const ua = window.navigator && window.navigator.userActivation;
    return ua ? ua.isActive : true;
  }

  /** Tell screen readers, politely, what just arrived (a live region outside the panel). */
  function announce(text) {
    if (ui) ui.announcer.textContent = text;
  }

  function unreadLabel(t) {
    return t.unread.replace('{n}', S.unread > 99 ? '99+' : String(S.unread));
  }
