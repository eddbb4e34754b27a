/* Pluggy Connect, sandbox edition: a stand-alone page like connect.pluggy.ai in WebView mode (pluggy-api.md §11.4).
 * Talks to the sandbox API with the connect token and reports progress by rewriting its own URL query
 * (events, timestamp, item_id, item_status, execution_status, connector_id, connector_name, connector_image_url,
 * error) with history.replaceState, and through window.ReactNativeWebView.postMessage when a host injected it. */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var token = params.get("connect_token") || params.get("connectToken") || "";
  var lang = (params.get("lang") || "pt").slice(0, 2);
  var POLL_MS = 500;
  var FINISHED = { UPDATED: 1, LOGIN_ERROR: 1, OUTDATED: 1 };
  var COLLECTING = /_IN_PROGRESS$/;
  var TEXT = {
    pt: { back: "Voltar", loading: "Carregando…", chooseBank: "Escolha sua instituição", search: "Buscar",
      connect: "Conectar", mfaTitle: "Verificação em duas etapas", send: "Enviar", connecting: "Conectando…",
      retry: "Tentar de novo", done: "Concluir", required: "Campo obrigatório", success: "Conta conectada!",
      successText: "Seus dados estão sendo sincronizados.", failure: "Não foi possível conectar",
      noToken: "Token de conexão ausente ou inválido.", noConnectors: "Nenhuma instituição encontrada.",
      waitingAction: "Autorize o acesso no aplicativo do seu banco…", sandbox: "Sandbox" },
    en: { back: "Back", loading: "Loading…", chooseBank: "Choose your institution", search: "Search",
      connect: "Connect", mfaTitle: "Two-step verification", send: "Send", connecting: "Connecting…",
      retry: "Try again", done: "Done", required: "Required field", success: "Account connected!",
      successText: "Your data is being synced.", failure: "Could not connect",
      noToken: "Missing or invalid connect token.", noConnectors: "No institution found.",
      waitingAction: "Authorize the access in your bank's app…", sandbox: "Sandbox" }
  };
  var T = TEXT[lang] || TEXT.pt;
  var state = { connectors: [], connector: null, item: null, events: [], pollTimer: null, lastStatus: null,
    updateItem: params.get("update_item") };

  function $(id) { return document.getElementById(id); }
  function show(view) {
    ["loading", "connectors", "credentials", "mfa", "progress", "result"].forEach(function (name) {
      $("view-" + name).hidden = name !== view;
    });
    $("back").hidden = !(view === "credentials" && !state.updateItem && !params.get("selected_connector_id"));
  }
  function translate() {
    document.documentElement.lang = lang === "en" ? "en" : "pt-BR";
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (el) {
      if (T[el.getAttribute("data-t")]) { el.textContent = T[el.getAttribute("data-t")]; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-ph]"), function (el) {
      el.placeholder = T[el.getAttribute("data-ph")] || el.placeholder;
    });
    if (params.get("theme") === "dark") { document.body.classList.add("dark"); }
  }

  /* ---------------------------------------------------------------- reporting through the URL */
  function report(event, extra) {
    state.events.push(event);
    var q = new URLSearchParams(window.location.search);
    q.set("events", state.events.join(","));
    q.set("timestamp", String(Date.now()));
    var item = (extra && extra.item) || state.item;
    var connector = (extra && extra.connector) || state.connector;
    if (item) {
      q.set("item_id", item.id);
      q.set("item_status", item.status);
      q.set("execution_status", item.executionStatus);
    }
    if (connector) {
      q.set("connector_id", String(connector.id));
      q.set("connector_name", connector.name);
      q.set("connector_image_url", connector.imageUrl || "");
    }
    if (extra && extra.error) { q.set("error", extra.error); } else if (event !== "ERROR") { q.delete("error"); }
    var url = window.location.pathname + "?" + q.toString();
    window.history.replaceState(null, "", url);
    if (window.ReactNativeWebView && typeof window.ReactNativeWebView.postMessage === "function") {
      window.ReactNativeWebView.postMessage(JSON.stringify({ type: "LOCATION", message: window.location.href }));
    }
  }

  /* ---------------------------------------------------------------- API */
  function api(method, path, body) {
    var init = { method: method, headers: { "X-API-KEY": token, "Accept": "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = { message: text }; }
        if (!response.ok) {
          var err = new Error((data && data.message) || ("HTTP " + response.status));
          err.status = response.status; err.data = data; throw err;
        }
        return data;
      });
    });
  }
  function fail(message) {
    stopPolling();
    $("result-title").textContent = T.failure;
    $("result-text").textContent = message;
    $("retry").hidden = !state.connector;
    show("result");
    report("ERROR", { error: message });
  }

  /* ---------------------------------------------------------------- connectors */
  function listFilter(c) {
    var ids = params.get("connector_ids"), types = params.get("connector_types"), countries = params.get("countries");
    if (ids && ids.split(",").indexOf(String(c.id)) < 0) { return false; }
    if (types && types.split(",").indexOf(c.type) < 0) { return false; }
    if (countries && countries.split(",").indexOf(c.country) < 0) { return false; }
    return true;
  }
  function renderConnectors() {
    var term = $("search").value.trim().toLowerCase();
    var list = $("connector-list");
    list.textContent = "";
    var shown = state.connectors.filter(function (c) { return !term || c.name.toLowerCase().indexOf(term) >= 0; });
    if (!shown.length) {
      var empty = document.createElement("li"); empty.textContent = T.noConnectors; list.appendChild(empty); return;
    }
    shown.forEach(function (c) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button"; button.id = "connector-" + c.id; button.setAttribute("data-connector-id", c.id);
      var badge = document.createElement("span");
      badge.className = "badge"; badge.style.background = "#" + (c.primaryColor || "888"); badge.textContent = c.name[0];
      var name = document.createElement("span"); name.textContent = c.name;
      button.appendChild(badge); button.appendChild(name);
      if (c.isSandbox) { var tag = document.createElement("span"); tag.className = "tag"; tag.textContent = T.sandbox; button.appendChild(tag); }
      button.addEventListener("click", function () { selectConnector(c); });
      li.appendChild(button); list.appendChild(li);
    });
  }
  function selectConnector(connector) {
    state.connector = connector;
    report("SELECTED_INSTITUTION", { connector: connector });
    renderCredentialForm(connector);
  }

  /* ---------------------------------------------------------------- forms */
  function fieldFor(cred, container) {
    var label = document.createElement("label");
    label.setAttribute("for", cred.name); label.textContent = cred.label || cred.name;
    container.appendChild(label);
    if (cred.type === "image" && cred.data) {
      var img = document.createElement("img"); img.className = "mfa"; img.alt = cred.label || "";
      img.src = cred.data.indexOf("data:") === 0 ? cred.data : "data:image/png;base64," + cred.data;
      container.appendChild(img);
    }
    var input;
    if (cred.type === "select" && cred.options) {
      input = document.createElement("select");
      cred.options.forEach(function (o) {
        var opt = document.createElement("option"); opt.value = o.value; opt.textContent = o.label; input.appendChild(opt);
      });
    } else {
      input = document.createElement("input");
      input.type = cred.type === "password" ? "password" : "text";
      if (cred.type === "number") { input.inputMode = "numeric"; }
      input.placeholder = cred.placeholder || "";
      input.autocomplete = "off";
    }
    input.id = cred.name; input.name = cred.name;
    input.setAttribute("data-validation", cred.validation || "");
    input.setAttribute("data-message", cred.validationMessage || "");
    input.setAttribute("data-optional", cred.optional ? "true" : "false");
    container.appendChild(input);
    if (cred.assistiveText) { var hint = document.createElement("p"); hint.className = "hint"; hint.textContent = cred.assistiveText; container.appendChild(hint); }
    var error = document.createElement("p"); error.className = "field-error"; error.id = cred.name + "-error"; error.hidden = true;
    container.appendChild(error);
  }
  function validate(container) {
    var values = {}, ok = true;
    Array.prototype.forEach.call(container.querySelectorAll("input, select"), function (input) {
      var value = input.value.trim(), message = "";
      var pattern = input.getAttribute("data-validation");
      if (!value && input.getAttribute("data-optional") !== "true") { message = T.required; }
      else if (value && pattern) {
        try { if (!new RegExp(pattern).test(value)) { message = input.getAttribute("data-message") || T.required; } }
        catch (e) { /* a pattern JS cannot read is checked by the server */ }
      }
      var error = $(input.name + "-error");
      error.textContent = message; error.hidden = !message;
      input.classList.toggle("invalid", !!message);
      if (message) { ok = false; } else if (value) { values[input.name] = value; }
    });
    return ok ? values : null;
  }
  function renderCredentialForm(connector) {
    $("connector-title").textContent = connector.name;
    var fields = $("credential-fields");
    fields.textContent = "";
    (connector.credentials || []).forEach(function (cred) { fieldFor(cred, fields); });
    $("form-error").hidden = true;
    $("submit-credentials").disabled = false;
    show("credentials");
    var first = fields.querySelector("input, select"); if (first) { first.focus(); }
  }
  function serverErrors(err, formError) {
    var details = (err.data && (err.data.details || err.data.errors)) || [];
    details.forEach(function (d) {
      var el = $(d.parameter + "-error");
      if (el) { el.textContent = d.message; el.hidden = false; }
    });
    formError.textContent = err.message; formError.hidden = false;
  }
  function submitCredentials(event) {
    event.preventDefault();
    var values = validate($("credential-fields"));
    if (!values) { return; }
    $("submit-credentials").disabled = true;
    report("SUBMITTED_LOGIN");
    var request = state.updateItem
      ? api("PATCH", "/items/" + encodeURIComponent(state.updateItem), { parameters: values })
      : api("POST", "/items", { connectorId: state.connector.id, parameters: values,
          products: params.get("products") ? params.get("products").split(",") : undefined });
    request.then(function (item) { onItem(item); startPolling(); }).catch(function (err) {
      $("submit-credentials").disabled = false;
      if (err.status === 400) { serverErrors(err, $("form-error")); return; }
      fail(err.message);
    });
  }
  function submitMfa(event) {
    event.preventDefault();
    var values = validate($("mfa-fields"));
    if (!values) { return; }
    $("submit-mfa").disabled = true;
    report("SUBMITTED_MFA");
    api("POST", "/items/" + encodeURIComponent(state.item.id) + "/mfa", values).then(function (item) {
      state.mfaSent = true; onItem(item); startPolling();
    }).catch(function (err) {
      $("submit-mfa").disabled = false;
      if (err.status === 400) { serverErrors(err, $("mfa-error")); return; }
      fail(err.message);
    });
  }

  /* ---------------------------------------------------------------- item progress */
  function startPolling() {
    stopPolling();
    state.pollTimer = window.setInterval(function () {
      api("GET", "/items/" + encodeURIComponent(state.item.id)).then(onItem).catch(function (err) {
        if (err.status === 403 || err.status === 404) { fail(err.message); }
      });
    }, POLL_MS);
  }
  function stopPolling() { if (state.pollTimer) { window.clearInterval(state.pollTimer); state.pollTimer = null; } }
  function onItem(item) {
    var previous = state.item;
    state.item = item;
    if (item.connector) { state.connector = item.connector; }
    report("ITEM_RESPONSE", { item: item });
    var wasLoggingIn = !previous || /LOGIN|CREATED|WAITING/.test(previous.executionStatus);
    if (COLLECTING.test(item.executionStatus) && !/LOGIN/.test(item.executionStatus) && wasLoggingIn && !state.loginReported) {
      state.loginReported = true;
      report(state.mfaSent ? "LOGIN_MFA_SUCCESS" : "LOGIN_SUCCESS", { item: item });
      report("LOGIN_STEP_COMPLETED", { item: item });
    }
    if (item.status === "WAITING_USER_INPUT" && item.parameter) {
      if (state.lastStatus !== "WAITING_USER_INPUT") { renderMfa(item.parameter); }
    } else if (item.status === "WAITING_USER_ACTION") {
      show("progress"); $("progress-text").textContent = (item.userAction && item.userAction.instructions) || T.waitingAction;
    } else if (FINISHED[item.status]) {
      stopPolling();
      if (item.status === "UPDATED") { succeed(item); }
      else { fail((item.error && item.error.message) || item.executionStatus); }
    } else {
      show("progress"); $("progress-text").textContent = item.executionStatus;
    }
    state.lastStatus = item.status;
  }
  function renderMfa(parameter) {
    stopPolling();
    var fields = $("mfa-fields"); fields.textContent = "";
    fieldFor(parameter, fields);
    $("mfa-error").hidden = true; $("submit-mfa").disabled = false;
    show("mfa");
    var input = fields.querySelector("input, select"); if (input) { input.focus(); }
  }
  function succeed(item) {
    $("result-title").textContent = T.success;
    $("result-text").textContent = T.successText;
    $("retry").hidden = true;
    show("result");
    report("SUCCESS", { item: item });
  }

  /* ---------------------------------------------------------------- start */
  function start() {
    translate();
    $("credentials-form").addEventListener("submit", submitCredentials);
    $("mfa-form").addEventListener("submit", submitMfa);
    $("search").addEventListener("input", renderConnectors);
    $("back").addEventListener("click", function () { state.connector = null; report("SELECTED_INSTITUTION"); show("connectors"); });
    $("close").addEventListener("click", function () { stopPolling(); report("CLOSE"); });
    $("done").addEventListener("click", function () { report("CLOSE"); });
    $("retry").addEventListener("click", function () { state.loginReported = false; state.mfaSent = false; renderCredentialForm(state.connector); });
    report("OPEN");
    if (!token) { fail(T.noToken); return; }
    if (state.updateItem) {
      api("GET", "/items/" + encodeURIComponent(state.updateItem)).then(function (item) {
        state.item = item; state.connector = item.connector;
        report("SELECTED_INSTITUTION", { connector: item.connector });
        renderCredentialForm(item.connector);
      }).catch(function (err) { fail(err.message); });
      return;
    }
    var query = "?sandbox=" + (params.get("with_sandbox") === "true" ? "true" : "false");
    api("GET", "/connectors" + query).then(function (pageData) {
      state.connectors = pageData.results.filter(listFilter);
      if (params.get("connectors_sort_alphabetically") === "true") {
        state.connectors.sort(function (a, b) { return a.name.localeCompare(b.name); });
      }
      var selected = params.get("selected_connector_id");
      var chosen = selected && state.connectors.filter(function (c) { return String(c.id) === selected; })[0];
      if (chosen) { selectConnector(chosen); return; }
      renderConnectors(); show("connectors");
    }).catch(function (err) { fail(err.status === 403 ? T.noToken : err.message); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
