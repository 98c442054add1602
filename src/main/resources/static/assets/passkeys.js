/*
 * The admin console's one script (SPEC §13): the browser's side of a passkey ceremony, on the login
 * pages and on the staff member's own second-factor page, where the Content-Security-Policy allows
 * this file and nothing else.
 *
 * A form marked data-passkey="get" or "create" first posts its own fields (its CSRF token among
 * them) to its data-options URL, hands the options answered there to WebAuthn, writes the
 * browser's answer into its "credential" field (and the flow id into "flow_id"), leaves out the
 * fields marked data-options-only, and is then submitted as an ordinary form: the server answers it
 * with a page, as it answers every other form of the console.
 *
 * Such forms stay hidden in a browser without WebAuthn's JSON methods; a data-passkey-fallback
 * note says so there instead.
 */
'use strict';

(() => {
  const supported = typeof window.PublicKeyCredential === 'function'
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
  if (!supported) {
    return;
  }

  document.querySelectorAll('[data-passkey-fallback]').forEach(note => { note.hidden = true; });
  document.querySelectorAll('form[data-passkey]').forEach(form => {
    form.hidden = false;
    form.addEventListener('submit', event => {
      event.preventDefault();
      ceremony(form);
    });
  });

  /** A refusal the server explained in a sentence of its own. */
  class Refused extends Error {}

  async function ceremony(form) {
    const problem = form.querySelector('[data-passkey-error]');
    const button = form.querySelector('button[type=submit]');
    problem.textContent = '';
    button.disabled = true;
    try {
      const options = await fetchOptions(form);
      const credential = form.dataset.passkey === 'create'
        ? await navigator.credentials.create(
          {publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey)})
        : await navigator.credentials.get(
          {publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey)});
      form.elements.credential.value = JSON.stringify(credential.toJSON());
      if (options.flow_id) {
        form.elements.flow_id.value = options.flow_id;
      }
      form.querySelectorAll('[data-options-only]').forEach(field => { field.disabled = true; });
      form.submit();
    } catch (failure) {
      button.disabled = false;
      problem.textContent = messageFor(failure);
    }
  }

  async function fetchOptions(form) {
    const answer = await fetch(form.dataset.options, {
      method: 'POST',
      headers: {Accept: 'application/json'},
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    });
    const json = (answer.headers.get('Content-Type') || '').startsWith('application/json');
    if (!json) {
      throw new Refused('This page has expired. Reload it and try again.');
    }
    const body = await answer.json();
    if (!answer.ok) {
      throw new Refused(body.error);
    }
    return body;
  }

  function messageFor(failure) {
    if (failure instanceof Refused) {
      return failure.message;
    }
    if (failure.name === 'NotAllowedError' || failure.name === 'AbortError') {
      return 'No passkey was used. Try again, or use another way.';
    }
    if (failure.name === 'InvalidStateError') {
      return 'This passkey is registered already.';
    }
    return 'The passkey did not work here. Try again, or use another way.';
  }
})();
