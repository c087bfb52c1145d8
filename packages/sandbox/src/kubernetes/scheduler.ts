import { createHash, randomBytes } from 'node:crypto';
import { isoSeconds } from './store';
import { KubeObject } from './types';

/**
 * The scheduler and the kubelet in one step: an admitted pod is bound to the cluster's
 * node and runs, ready, at once (the twin has no images to pull and no probes to wait on).
 */
export class Scheduler {
  private ipCounter = 10;

  constructor(
    private readonly options: { nodeName: string; now: () => number },
  ) {}

  bind(pod: KubeObject): KubeObject {
    const at = isoSeconds(this.options.now());
    const ip = `10.244.0.${this.ipCounter++ % 250}`;
    const cond = (type: string) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: at,
    });
    const containerStatus = (c: any) => ({
      name: c.name,
      state: { running: { startedAt: at } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: c.image,
      imageID: `${c.image.split(':')[0]}@sha256:${createHash('sha256')
        .update(c.image)
        .digest('hex')}`,
      containerID: `containerd://${randomBytes(32).toString('hex')}`,
      started: true,
    });
    return {
      ...pod,
      spec: { ...pod.spec, nodeName: this.options.nodeName },
      status: {
        phase: 'Running',
        conditions: [
          'PodReadyToStartContainers',
          'Initialized',
          'Ready',
          'ContainersReady',
          'PodScheduled',
        ].map(cond),
        hostIP: '10.224.0.4',
        hostIPs: [{ ip: '10.224.0.4' }],
        podIP: ip,
        podIPs: [{ ip }],
        startTime: at,
        ...(pod.spec.initContainers
          ? {
              initContainerStatuses: pod.spec.initContainers.map((c: any) => ({
                ...containerStatus(c),
                state: {
                  terminated: {
                    exitCode: 0,
                    reason: 'Completed',
                    startedAt: at,
                    finishedAt: at,
                  },
                },
                ready: true,
                started: false,
              })),
            }
          : {}),
        containerStatuses: pod.spec.containers.map(containerStatus),
        qosClass: 'BestEffort',
      },
    };
  }
}
