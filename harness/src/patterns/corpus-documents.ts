/**
 * The knowledge base the RAG pattern and the agent's search tool retrieve from: short help-centre
 * articles of a fictional SaaS company, the kind of corpus the seed's RAG example answers over.
 */
export const CORPUS: readonly { title: string; text: string }[] = [
  {
    title: 'Refund policy: monthly plans',
    text: 'Monthly plans can be refunded within 14 days of the charge. After 14 days the plan stays active until the end of the billing period and is not refunded.',
  },
  {
    title: 'Refund policy: annual plans',
    text: 'Annual plans are refunded pro rata within the first 30 days. After 30 days annual plans are not refunded but can be downgraded at renewal.',
  },
  {
    title: 'Shipping times: domestic',
    text: 'Domestic orders ship within 1 business day and arrive in 2 to 4 business days. Express shipping arrives the next business day.',
  },
  {
    title: 'Shipping times: international',
    text: 'International orders ship within 2 business days and arrive in 7 to 14 business days depending on customs.',
  },
  {
    title: 'Customs delays',
    text: 'Parcels held in customs are released once duties are paid. We refund duties for orders above 200 EUR.',
  },
  {
    title: 'Rotating API keys',
    text: 'Create a new key in Settings > API, deploy it, then revoke the old key. Keys can overlap for up to 7 days.',
  },
  {
    title: 'API rate limits',
    text: 'The public API allows 600 requests per minute per key. Responses over the limit return 429 with a Retry-After header.',
  },
  {
    title: 'Two-factor authentication',
    text: 'Two-factor authentication can use an authenticator app or a hardware key. Recovery codes are shown once at setup.',
  },
  {
    title: 'Changing the billing email',
    text: 'Owners can change the billing email in Settings > Billing. Invoices already sent keep the old address.',
  },
  {
    title: 'Invoices and VAT',
    text: 'Invoices are issued on the first day of each period. Add a VAT number before the charge to get a reverse-charge invoice.',
  },
  {
    title: 'Double charges',
    text: 'A double charge is usually a pending authorisation that drops off within 5 business days. Contact support if both settle.',
  },
  {
    title: 'Seats and roles',
    text: 'Admins can add seats at any time; new seats are billed pro rata. Viewers do not count as paid seats.',
  },
  {
    title: 'Data export',
    text: 'Workspace owners can export all data as JSON or CSV from Settings > Data. Exports are ready within an hour.',
  },
  {
    title: 'Data retention',
    text: 'Deleted projects are kept for 30 days and then erased. Backups are retained for 35 days.',
  },
  {
    title: 'Service status',
    text: 'Uptime and incidents are published on the status page. The SLA guarantees 99.9 percent monthly availability.',
  },
  {
    title: 'SSO setup',
    text: 'SAML single sign-on is available on the Business plan. Configure the identity provider with the ACS URL shown in Settings.',
  },
  {
    title: 'Webhooks',
    text: 'Webhooks retry failed deliveries with exponential backoff for up to 24 hours. Each delivery carries a signature header.',
  },
  {
    title: 'Sales reports',
    text: 'The monthly sales report lists revenue by product and region. Growth is computed against the previous month.',
  },
  {
    title: 'Discount codes',
    text: 'Discount codes apply to the first payment only unless marked recurring. One code per order.',
  },
  {
    title: 'Account deletion',
    text: 'Deleting an account cancels all plans immediately. Unused time on annual plans is refunded if within 30 days.',
  },
];
