import { describe, expect, it } from 'vitest';
import { describePorts } from './networks';

describe('describePorts', () => {
  it('names what holds the addresses, and how many more there are', () => {
    const ports = [
      { device_type: 'server', name: 'web-1', ip_address: '10.0.0.2' },
      { device_type: 'load_balancer', name: 'lb', ip_address: '10.0.0.3' },
      { device_type: 'floating_ip', name: '', ip_address: '203.0.113.5' },
    ];
    expect(describePorts(ports)).toBe('server web-1 (10.0.0.2), load balancer lb (10.0.0.3), floating IP 203.0.113.5');
    expect(describePorts(ports, 1)).toBe('server web-1 (10.0.0.2), and 2 more');
  });
});
