// Every workflow's table in one list: for the docs, the table tests and the model-based test.
import { APPLICATION_WORKFLOW, REFERRAL_WORKFLOW } from "~/domain/applications/workflow";
import { BANK_CONNECTION_WORKFLOW } from "~/domain/bank/workflow";
import { PARTNER_WORKFLOW, PRODUCT_WORKFLOW } from "~/domain/lenders/workflow";
import { OUTBOX_WORKFLOW } from "~/domain/notifications/workflow";
import { FUNDING_WORKFLOW, OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { ORDER_WORKFLOW } from "~/domain/orders/orders";
import { INFO_REQUEST_WORKFLOW } from "~/domain/referrals/workflow";
import { SCREENING_HIT_WORKFLOW } from "~/domain/sanctions/workflow";
import { DEAL_WORKFLOW } from "~/domain/servicing/workflow";
import { WEBHOOK_DELIVERY_WORKFLOW } from "~/domain/webhooks/workflow";
import type { Machine, WorkflowEntity } from "./machine";

export const WORKFLOWS: Record<WorkflowEntity, Machine<string>> = {
  Application: APPLICATION_WORKFLOW,
  Referral: REFERRAL_WORKFLOW,
  Offer: OFFER_WORKFLOW,
  Funding: FUNDING_WORKFLOW,
  ExportOrder: ORDER_WORKFLOW,
  InfoRequest: INFO_REQUEST_WORKFLOW,
  BankConnection: BANK_CONNECTION_WORKFLOW,
  LenderOrg: PARTNER_WORKFLOW,
  LenderProduct: PRODUCT_WORKFLOW,
  OutboxEmail: OUTBOX_WORKFLOW,
  ScreeningHit: SCREENING_HIT_WORKFLOW,
  Deal: DEAL_WORKFLOW,
  WebhookDelivery: WEBHOOK_DELIVERY_WORKFLOW,
};
