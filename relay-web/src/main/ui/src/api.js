// The tenant API, called with the session cookie (set HttpOnly by the server) and, for every change, the session's
// CSRF token in a header another site's form cannot send (relay-web security/SignedInSessions).
let csrf = null;
let role = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The reason the server gave for a field, if it named one (application/problem+json invalid-params). */
  field(name) {
    const found = (this.problem?.["invalid-params"] || []).find((param) => param.name === name);
    return found ? found.reason : null;
  }
}

export async function call(method, path, body) {
  return request(method, path, json(body), "application/json", csrf);
}

/** Sends {@code payload} as it is, of the given media type (a CSV import), answered as {@link call} is. */
export async function send(method, path, payload, type) {
  return request(method, path, payload, type, csrf);
}

function json(body) {
  return body === undefined ? undefined : JSON.stringify(body);
}

async function request(method, path, payload, type, token) {
  const headers = { Accept: "application/json" };
  if (payload !== undefined) {
    headers["Content-Type"] = type;
  }
  if (method !== "GET" && token) {
    headers["X-CSRF-Token"] = token;
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, credentials: "same-origin", body: payload });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/** The signed-in session, or null: its CSRF token is kept for the requests that follow. */
export async function currentSession() {
  try {
    const session = await call("GET", "/session");
    csrf = session.csrfToken;
    role = session.user.role;
    return session;
  } catch (error) {
    if (error.status === 401) {
      csrf = null;
      role = null;
      return null;
    }
    throw error;
  }
}

export async function signIn(tenant, email, password) {
  const session = await call("POST", "/session", { tenant, email, password });
  csrf = session.csrfToken;
  role = session.user.role;
  return session;
}

/** Whether the signed-in user only reads (a viewer): pages then offer no change the server would refuse anyway. */
export function readsOnly() {
  return role === "viewer";
}

export async function signOut() {
  await call("DELETE", "/session");
  csrf = null;
  role = null;
}

/**
 * The signed-in user's role (owner, sender or viewer): which buttons a page offers. The server decides what is allowed
 * (security/SessionPermissions); a page only leaves out what would be refused.
 */
export function userRole() {
  return role;
}

// The operator's session (the admin account signed in): a cookie of its own that only the admin API takes, and a CSRF
// token of its own, so that a browser signed in as both never sends one session's token with the other's request.
let operatorCsrf = null;

/** Calls the admin API (`/api/v1/admin…`) as the signed-in operator. */
export async function adminCall(method, path, body) {
  return request(method, `/admin${path}`, json(body), "application/json", operatorCsrf);
}

export async function currentOperator() {
  try {
    const session = await request("GET", "/operator-session", undefined, undefined, null);
    operatorCsrf = session.csrfToken;
    return session;
  } catch (error) {
    if (error.status === 401) {
      operatorCsrf = null;
      return null;
    }
    throw error;
  }
}

export async function operatorSignIn(user, password) {
  const session = await request("POST", "/operator-session", json({ user, password }), "application/json", null);
  operatorCsrf = session.csrfToken;
  return session;
}

export async function operatorSignOut() {
  await request("DELETE", "/operator-session", undefined, undefined, operatorCsrf);
  operatorCsrf = null;
}
