import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { AccessRequestRecord } from '../requests/types';
import { readyDescription } from './readyWords';
import { RequestNotifier } from './RequestNotifier';
import { nameOf } from './nameOf';

const TOPIC = 'azure-workload-identity';

/** RequestNotifier on the notifications plugin; links point at the request's page. */
export class BackstageRequestNotifier implements RequestNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      approverGroup: string;
    },
  ) {}

  awaitingApproval(request: AccessRequestRecord) {
    return this.send(request, {
      // The group resolves to its members; the requester is left out even if one of them.
      recipients: {
        type: 'entity',
        entityRef: this.options.approverGroup,
        excludeEntityRef: request.requestedBy,
      },
      payload: {
        title: `Approval needed: Azure access for ${nameOf(request.entityRef)}`,
        description: `${nameOf(request.requestedBy)} asks for ${describe(
          request,
        )}. ${
          request.plan?.approvalReasons.map(r => r.message).join(' ') ?? ''
        }`.trim(),
        severity: 'high',
      },
    });
  }

  approved(request: AccessRequestRecord, approver: string) {
    return this.toRequester(request, {
      title: `Approved: Azure access for ${nameOf(request.entityRef)}`,
      description: `${nameOf(approver)} approved ${describe(
        request,
      )}; it is being provisioned.`,
    });
  }

  rejected(request: AccessRequestRecord, approver: string, reason: string) {
    return this.toRequester(request, {
      title: `Rejected: Azure access for ${nameOf(request.entityRef)}`,
      description: `${nameOf(approver)} rejected ${describe(
        request,
      )}: ${reason}`,
      severity: 'high',
    });
  }

  active(request: AccessRequestRecord) {
    // "Ready", not "working": what remains (the pods' label, Azure applying the roles) is said.
    return this.toRequester(request, {
      title: `Ready: Azure access for ${nameOf(request.entityRef)}`,
      description: readyDescription(request),
    });
  }

  failed(request: AccessRequestRecord, error: string) {
    return this.toRequester(request, {
      title: `Failed: Azure access for ${nameOf(request.entityRef)}`,
      description: `${describe(request)} could not be provisioned: ${error}`,
      severity: 'high',
    });
  }

  revoked(request: AccessRequestRecord, actor: string) {
    return this.toRequester(request, {
      title: `Revoked: Azure access for ${nameOf(request.entityRef)}`,
      description: `${nameOf(actor)} revoked ${describe(request)}.`,
    });
  }

  expiring(request: AccessRequestRecord, inWords: string) {
    return this.toRequester(request, {
      title: `Expires in ${inWords}: Azure access for ${nameOf(
        request.entityRef,
      )}`,
      description: `${describe(request)} will be revoked at ${
        request.expiresAt
      }. Request it again before then if the service still needs it.`,
      severity: 'high',
    });
  }

  private toRequester(
    request: AccessRequestRecord,
    payload: NotificationSendOptions['payload'],
  ) {
    return this.send(request, {
      recipients: { type: 'entity', entityRef: request.requestedBy },
      payload,
    });
  }

  private async send(
    request: AccessRequestRecord,
    options: NotificationSendOptions,
  ): Promise<void> {
    try {
      await this.options.notifications.send({
        ...options,
        payload: {
          ...options.payload,
          link: `/azure-workload-identity/requests/${request.id}`,
          topic: TOPIC,
          // One notification per request: a later state updates it rather than piling up.
          scope: `azure-workload-identity/requests/${request.id}`,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify about request ${request.id}: ${
          (error as Error).message
        }`,
      );
    }
  }
}

function describe(request: AccessRequestRecord): string {
  return `access for service account ${request.namespace}/${request.serviceAccountName} on ${request.cluster}`;
}
