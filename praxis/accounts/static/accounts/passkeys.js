// Passkeys: asks the server for the options, lets the browser's authenticator answer, and
// posts the answer in the page's own form. Without JavaScript or WebAuthn the forms stay hidden
// and the rest of the page (codes, recovery codes) works as before.
(function () {
  "use strict";
  if (window.praxisPasskeys) { return; }
  window.praxisPasskeys = true;

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function creationOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.user.id = toBytes(json.user.id);
    json.excludeCredentials = descriptors(json.excludeCredentials);
    return { publicKey: json };
  }

  function requestOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.allowCredentials = descriptors(json.allowCredentials);
    return { publicKey: json };
  }

  function answer(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      json.response.userHandle = toText(response.userHandle);
    }
    return JSON.stringify(json);
  }

  function cancelled(form) {
    var box = form.closest("section, main").querySelector("[data-passkey-status]");
    if (box) { box.textContent = box.dataset.cancelled; }
  }

  function run(form, event) {
    event.preventDefault();
    var creating = form.dataset.passkey === "create";
    var body = new FormData();
    body.append("purpose", (form.elements.purpose || {}).value || "");
    fetch(form.dataset.optionsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      body: body
    }).then(function (reply) {
      if (!reply.ok) { throw new Error(String(reply.status)); }
      return reply.json();
    }).then(function (options) {
      return creating
        ? navigator.credentials.create(creationOptions(options))
        : navigator.credentials.get(requestOptions(options));
    }).then(function (credential) {
      form.elements.credential.value = answer(credential);
      form.submit();
    }).catch(function () {
      cancelled(form);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.PublicKeyCredential || !navigator.credentials) { return; }
    document.querySelectorAll("[data-passkey-only]").forEach(function (part) { part.hidden = false; });
    document.querySelectorAll("[data-passkey-missing]").forEach(function (part) { part.hidden = true; });
    document.querySelectorAll("form[data-passkey]").forEach(function (form) {
      form.addEventListener("submit", function (event) { run(form, event); });
    });
  });
})();
