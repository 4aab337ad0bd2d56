/**
 * Seeds load balancers for the demo and the ELBv2 integration test: each listener problem next to a
 * look-alike that is fine.
 *
 * - `legacy-alb` (internet-facing): HTTPS with `ELBSecurityPolicy-2016-08` (TLS 1.0/1.1, CBC and RSA key
 *   transport, no TLS 1.3), and HTTP:80 forwarding without redirect; invalid headers forwarded.
 * - `modern-alb`: HTTPS with `ELBSecurityPolicy-TLS13-1-2-Res-2021-06`, HTTP:80 redirecting to HTTPS;
 *   invalid header fields dropped.
 * - `tls12-nlb`: a TLS listener with `ELBSecurityPolicy-TLS-1-2-2017-01` (no TLS 1.3) and a TCP listener.
 *
 * Certificates are IAM server-certificate ARNs: moto accepts them without an ACM import.
 */
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClients } from '../../src/testing/aws-clients.js';

const DROP = 'routing.http.drop_invalid_header_fields.enabled';

export async function seedAwsElbv2(endpoint: string, region: string): Promise<void> {
  const clients = awsClients(endpoint, region);
  const { ec2, elbv2 } = clients;
  try {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))).Vpc!.VpcId!;
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries())
      subnets.push(
        (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.40.${i}.0/24`, AvailabilityZone: `${region}${az}` }))).Subnet!.SubnetId!,
      );
    const cert = `arn:aws:iam::123456789012:server-certificate/demo-${region}`;
    const tg = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 8080, VpcId: vpc, TargetType: 'instance' })))
      .TargetGroups![0]!.TargetGroupArn!;
    const forward = [{ Type: 'forward' as const, TargetGroupArn: tg }];
    const lb = async (Name: string, Type: 'application' | 'network') =>
      (await elbv2.send(new CreateLoadBalancerCommand({ Name, Subnets: subnets, Type, Scheme: 'internet-facing' }))).LoadBalancers![0]!.LoadBalancerArn!;

    const legacy = await lb('legacy-alb', 'application');
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: legacy,
        Protocol: 'HTTPS',
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-2016-08',
        Certificates: [{ CertificateArn: cert }],
        DefaultActions: forward,
      }),
    );
    await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: legacy, Protocol: 'HTTP', Port: 80, DefaultActions: forward }));
    await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: legacy, Attributes: [{ Key: DROP, Value: 'false' }] }));

    const modern = await lb('modern-alb', 'application');
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: modern,
        Protocol: 'HTTPS',
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
        Certificates: [{ CertificateArn: cert }],
        DefaultActions: forward,
      }),
    );
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: modern,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
      }),
    );
    await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: modern, Attributes: [{ Key: DROP, Value: 'true' }] }));

    const nlb = await lb('tls12-nlb', 'network');
    const tcpTg = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'tcp', Protocol: 'TCP', Port: 5432, VpcId: vpc, TargetType: 'instance' })))
      .TargetGroups![0]!.TargetGroupArn!;
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: nlb,
        Protocol: 'TLS',
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01',
        Certificates: [{ CertificateArn: cert }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tcpTg }],
      }),
    );
    await elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: nlb, Protocol: 'TCP', Port: 5432, DefaultActions: [{ Type: 'forward', TargetGroupArn: tcpTg }] }),
    );
  } finally {
    clients.destroy();
  }
}
