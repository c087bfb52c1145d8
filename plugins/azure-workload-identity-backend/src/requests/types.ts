// Requests and events are part of the API's wire model, shared with the frontend and the
// scaffolder action.
export {
  REQUEST_STATUSES,
  type JsonValue,
  type JsonObject,
  type RequestStatus,
  type AccessRequestRecord,
  type RequestEvent,
  type AccessRequestWithEvents,
} from '@backstage-community/plugin-azure-workload-identity-common';
