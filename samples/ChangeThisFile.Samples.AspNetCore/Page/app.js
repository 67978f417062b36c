// The page drives the four steps of the sample's API: create the upload, PUT the file to the
// presigned URL (with upload progress), submit, then poll the status until done or failed.
'use strict';

const POLL_INTERVAL_MS = 500;
const POLL_LIMIT_MS = 120000;

// A first target for common inputs. The user can still choose any allowed target.
const SUGGESTED_TARGETS = { csv: 'json', tsv: 'json', json: 'csv', yaml: 'json', yml: 'json',
  md: 'html', markdown: 'html', png: 'webp', jpg: 'webp', jpeg: 'webp', webp: 'png', bmp: 'png' };

const form = document.getElementById('convert-form');
const fileInput = document.getElementById('file');
const targetSelect = document.getElementById('target');
const button = document.getElementById('convert');
const progress = document.getElementById('upload-progress');
const percent = document.getElementById('upload-percent');
const statusOutput = document.getElementById('status');
const result = document.getElementById('result');
const download = document.getElementById('download');
const resultSize = document.getElementById('result-size');
const errorText = document.getElementById('error');

class StepError extends Error {}

async function loadTargets() {
  const response = await fetch('/api/formats');
  const formats = await response.json();
  for (const target of formats.targets) {
    targetSelect.add(new Option(target, target));
  }
}

function setStep(step, state) {
  document.querySelector(`#steps li[data-step="${step}"]`).dataset.state = state;
}

function setStatus(state, text) {
  statusOutput.dataset.state = state;
  statusOutput.textContent = text;
}

function reset() {
  for (const item of document.querySelectorAll('#steps li')) {
    item.dataset.state = 'pending';
  }
  progress.value = 0;
  percent.textContent = '0%';
  result.hidden = true;
  errorText.hidden = true;
}

// Reads the clearest message of an error response: a problem's detail, or the flow's message or error.
async function describe(response) {
  try {
    const body = await response.json();
    if (body.error && body.error.message) {
      return `${body.error.code}: ${body.error.message}`;
    }
    return body.detail || body.message || body.title || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    throw new StepError(await describe(response));
  }
  return response.json();
}

// Uploads with XMLHttpRequest, because fetch reports no upload progress. The headers are the
// ones the URL was signed for, such as Content-Type. Storage rejects the upload without them.
function upload(created, file) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(created.method, created.upload_url);
    for (const [name, value] of Object.entries(created.headers)) {
      request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        const share = Math.round((100 * event.loaded) / event.total);
        progress.value = share;
        percent.textContent = `${share}%`;
      }
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        progress.value = 100;
        percent.textContent = '100%';
        resolve();
      } else {
        reject(new StepError(`The storage rejected the upload: HTTP ${request.status} ${request.responseText}`));
      }
    });
    request.addEventListener('error', () => reject(new StepError('The upload failed: the connection was lost.')));
    request.send(file);
  });
}

async function pollStatus(fileId) {
  const started = Date.now();
  while (Date.now() - started < POLL_LIMIT_MS) {
    const response = await fetch(`/api/conversions/${encodeURIComponent(fileId)}`, { cache: 'no-store' });
    if (!response.ok) {
      throw new StepError(await describe(response));
    }
    const status = await response.json();
    if (status.status === 'done' || status.status === 'failed') {
      return status;
    }
    setStatus('processing', status.job_id ? `Converting (job ${status.job_id})…` : 'Waiting for the upload…');
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new StepError(`No result after ${POLL_LIMIT_MS / 1000} seconds.`);
}

function showResult(status) {
  download.href = status.download_url;
  download.download = status.file_name;
  download.textContent = `Download ${status.file_name}`;
  resultSize.textContent = `(${status.size} bytes)`;
  result.hidden = false;
}

function showError(message) {
  errorText.textContent = message;
  errorText.hidden = false;
  const active = document.querySelector('#steps li[data-state="active"]');
  if (active) {
    active.dataset.state = 'failed';
  }
  setStatus('failed', 'Failed');
}

async function convert(file, target) {
  setStep('upload', 'active');
  setStatus('uploading', `Uploading ${file.name}…`);
  const created = await postJson('/api/uploads', {
    file_name: file.name,
    target,
    content_type: file.type || 'application/octet-stream',
    size: file.size,
  });
  await upload(created, file);
  setStep('upload', 'done');

  setStep('submit', 'active');
  setStatus('submitting', 'Submitting…');
  const submitted = await postJson(`/api/conversions/${encodeURIComponent(created.file_id)}/submit`);
  setStep('submit', 'done');

  setStep('convert', 'active');
  setStatus('processing', `Converting (job ${submitted.job_id ?? 'pending'})…`);
  const status = await pollStatus(created.file_id);
  if (status.status === 'failed') {
    throw new StepError(`${status.error?.code}: ${status.error?.message}`);
  }
  setStep('convert', 'done');
  setStep('done', 'done');
  setStatus('done', `Done: ${status.file_name}`);
  showResult(status);
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files[0];
  const extension = file ? file.name.split('.').pop().toLowerCase() : '';
  const suggested = SUGGESTED_TARGETS[extension];
  if (suggested && [...targetSelect.options].some((option) => option.value === suggested)) {
    targetSelect.value = suggested;
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = fileInput.files[0];
  if (!file) {
    return;
  }
  reset();
  button.disabled = true;
  try {
    await convert(file, targetSelect.value);
  } catch (error) {
    showError(error instanceof StepError ? error.message : `Unexpected error: ${error.message}`);
  } finally {
    button.disabled = false;
  }
});

loadTargets().catch((error) => showError(`The formats could not be loaded: ${error.message}`));
