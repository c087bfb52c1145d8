import { badRequest, StatusError } from './status';

type Json = any;
const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch (`kubectl label`, `annotate`, `patch --type merge`). */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** RFC 6902 JSON patch (`kubectl patch --type json`). */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw badRequest('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of ops) {
    const path = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        doc = setAt(doc, path, structuredClone(op.value), 'add');
        break;
      case 'replace':
        getAt(doc, path);
        doc = setAt(doc, path, structuredClone(op.value), 'replace');
        break;
      case 'remove':
        getAt(doc, path);
        doc = removeAt(doc, path);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value))
          throw new StatusError(
            422,
            'Invalid',
            `the server rejected our request due to an error in our request`,
          );
        break;
      case 'move':
      case 'copy': {
        const from = parsePointer(op.from);
        const value = structuredClone(getAt(doc, from));
        if (op.op === 'move') doc = removeAt(doc, from);
        doc = setAt(doc, path, value, 'add');
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

function parsePointer(pointer: unknown): string[] {
  if (
    typeof pointer !== 'string' ||
    (pointer !== '' && !pointer.startsWith('/'))
  )
    throw badRequest(`invalid JSON pointer ${pointer}`);
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function missing(path: string[]): StatusError {
  return new StatusError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request`,
    {
      causes: [
        { message: `jsonpatch: path /${path.join('/')} does not exist` },
      ],
    },
  );
}

function getAt(doc: Json, path: string[]): Json {
  let cur = doc;
  for (const p of path) {
    if (Array.isArray(cur) && /^\d+$/.test(p) && Number(p) < cur.length)
      cur = cur[Number(p)];
    else if (isObject(cur) && p in cur) cur = cur[p];
    else throw missing(path);
  }
  return cur;
}

function setAt(
  doc: Json,
  path: string[],
  value: Json,
  mode: 'add' | 'replace',
): Json {
  if (path.length === 0) return value;
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index > parent.length) throw missing(path);
    if (mode === 'add') parent.splice(index, 0, value);
    else parent[index] = value;
  } else if (isObject(parent)) parent[last] = value;
  else throw missing(path);
  return doc;
}

function removeAt(doc: Json, path: string[]): Json {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return doc;
}

/**
 * Merge keys of the built-in types' lists (the `patchMergeKey` tags in
 * k8s.io/api). Lists not named here are replaced whole, as in Kubernetes.
 */
function mergeKeyFor(field: string, parent: string): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'secrets':
    case 'webhooks':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'ports':
      return parent === 'container' ? 'containerPort' : 'port';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    default:
      return undefined;
  }
}

const PRIMITIVE_MERGE_LISTS = new Set(['finalizers']);

/**
 * Strategic merge patch, as kubectl apply (client side), `kubectl patch` and
 * `kubectl rollout restart` send it: lists with merge keys are merged item by
 * item, and the directives `$patch`, `$setElementOrder/`, `$retainKeys` and
 * `$deleteFromPrimitiveList/` are honoured.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  return smpObject(isObject(target) ? target : {}, patch, 'root');
}

function smpObject(
  target: Record<string, Json>,
  patch: Json,
  context: string,
): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, Json> = { ...target };
  const orders: Array<[string, Json[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith('$setElementOrder/')) {
      orders.push([key.slice('$setElementOrder/'.length), value]);
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(result[field]))
        result[field] = result[field].filter((v: Json) => !value.includes(v));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const mergeKey = mergeKeyFor(key, context);
    if (Array.isArray(value) && mergeKey) {
      result[key] = mergeList(
        Array.isArray(result[key]) ? result[key] : [],
        value,
        mergeKey,
        childContext(key),
      );
    } else if (Array.isArray(value) && PRIMITIVE_MERGE_LISTS.has(key)) {
      const current: Json[] = Array.isArray(result[key]) ? result[key] : [];
      result[key] = [...current, ...value.filter(v => !current.includes(v))];
    } else if (isObject(value)) {
      const merged = smpObject(
        isObject(result[key]) ? result[key] : {},
        value,
        childContext(key),
      );
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = structuredClone(value);
    }
  }
  for (const [field, order] of orders) {
    if (!Array.isArray(result[field])) continue;
    const mergeKey = mergeKeyFor(field, context);
    const keyOf = (item: Json) =>
      mergeKey && isObject(item) ? item[mergeKey] : item;
    const wanted = order.map(keyOf);
    const rank = (item: Json) => {
      const i = wanted.indexOf(keyOf(item));
      return i === -1 ? wanted.length : i;
    };
    result[field] = [...result[field]].sort((a, b) => rank(a) - rank(b));
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(result))
      if (!patch.$retainKeys.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(
  target: Json[],
  patch: Json[],
  mergeKey: string,
  context: string,
): Json[] {
  if (
    patch.some(
      item =>
        isObject(item) && item.$patch === 'replace' && !(mergeKey in item),
    )
  ) {
    return stripDirectives(
      patch.filter(item => !(isObject(item) && item.$patch === 'replace')),
    );
  }
  const result = [...target];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = result.findIndex(
      existing => isObject(existing) && existing[mergeKey] === item[mergeKey],
    );
    if (item.$patch === 'delete') {
      if (index !== -1) result.splice(index, 1);
    } else if (index === -1) {
      result.push(stripDirectives(item));
    } else {
      result[index] = smpObject(result[index], item, context);
    }
  }
  return result;
}

function childContext(field: string): string {
  return ['containers', 'initContainers', 'ephemeralContainers'].includes(field)
    ? 'container'
    : field;
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value))
    if (!k.startsWith('$') && v !== null) out[k] = stripDirectives(v);
  return out;
}
