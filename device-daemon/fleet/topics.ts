/** ThingsBoard's MQTT device API: the device is always "me" (the broker knows it by its credentials). */
export const TOPICS = {
  telemetry: 'v1/devices/me/telemetry',
  /** Client attributes out; shared-attribute updates in (the same topic). */
  attributes: 'v1/devices/me/attributes',
  attributesRequest: (id: number) => `v1/devices/me/attributes/request/${id}`,
  attributesResponse: 'v1/devices/me/attributes/response/+',
  rpcRequest: 'v1/devices/me/rpc/request/+',
  rpcResponse: (id: string) => `v1/devices/me/rpc/response/${id}`,
} as const;

/** The request id at the end of an RPC request topic, or undefined for any other topic. */
export function rpcRequestId(topic: string): string | undefined {
  const m = /^v1\/devices\/me\/rpc\/request\/([^/]+)$/.exec(topic);
  return m?.[1];
}

export const isAttributesResponse = (topic: string): boolean => /^v1\/devices\/me\/attributes\/response\/[^/]+$/.test(topic);
