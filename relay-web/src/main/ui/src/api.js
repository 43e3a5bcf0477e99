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
  return request(method, path, body, csrf);
}

async function request(method, path, body, token) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET" && token) {
    headers["X-CSRF-Token"] = token;
  }
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
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
}

// The operator's session (the admin account signed in): a cookie of its own that only the admin API takes, and a CSRF
// token of its own, so that a browser signed in as both never sends one session's token with the other's request.
let operatorCsrf = null;

/** Calls the admin API (`/api/v1/admin…`) as the signed-in operator. */
export async function adminCall(method, path, body) {
  return request(method, `/admin${path}`, body, operatorCsrf);
}

export async function currentOperator() {
  try {
    const session = await request("GET", "/operator-session", undefined, null);
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
  const session = await request("POST", "/operator-session", { user, password }, null);
  operatorCsrf = session.csrfToken;
  return session;
}

export async function operatorSignOut() {
  await request("DELETE", "/operator-session", undefined, operatorCsrf);
  operatorCsrf = null;
}
