export { createRouter, chain } from './router';
export type { Router } from './router';
export { startHttpsServer, normalizePath } from './server';
export type { RunningServer, StartHttpsServerOptions } from './server';
export { json, empty, readJson, readForm, header } from './json';
export { HttpError } from './types';
export type { Handler, HttpRequest, HttpResponse } from './types';
