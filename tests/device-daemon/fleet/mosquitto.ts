import { connectAsync, type MqttClient } from 'mqtt';

export { type Broker, startBroker } from '../../../scripts/fleet-sim/broker';

export interface Received {
  topic: string;
  payload: string;
  at: number;
}

/** The platform's side for a test: a subscriber to every device topic that can also publish (RPC requests, shared attributes). */
export async function platformClient(url: string): Promise<{ client: MqttClient; got: Received[]; json: (topic: string) => unknown[] }> {
  const client = await connectAsync(url, { reconnectPeriod: 500, clientId: `platform-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, clean: true });
  const got: Received[] = [];
  client.on('message', (topic, payload) => got.push({ topic, payload: payload.toString('utf8'), at: Date.now() }));
  await client.subscribeAsync('v1/devices/me/#', { qos: 1 });
  return { client, got, json: (topic) => got.filter((m) => m.topic === topic).map((m) => JSON.parse(m.payload)) };
}
