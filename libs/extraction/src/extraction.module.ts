import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { HealthRegistry } from '@mw/health';
import { InferenceService, type InferenceSettings } from './inference/inference.service';

export function inferenceSettingsFrom(config: AppConfig): InferenceSettings {
  const e = config.extraction;
  return {
    modelPath: e.modelPath,
    maxBatch: e.maxBatch,
    maxDelayMs: e.maxDelayMs,
    maxQueue: e.maxQueue,
    workers: e.threads,
    precision: e.precision,
    ...(e.reviewThreshold !== undefined ? { reviewThreshold: e.reviewThreshold } : {}),
  };
}

/**
 * The model runtime as a Nest module. The model loads in the background at start; the `model`
 * readiness check stays down until every worker has loaded and warmed up (or says why it failed).
 */
@Module({
  providers: [{ provide: InferenceService, useFactory: (config: AppConfig) => new InferenceService(inferenceSettingsFrom(config)), inject: [APP_CONFIG] }],
  exports: [InferenceService],
})
export class ExtractionModule implements OnModuleInit {
  constructor(
    private readonly inference: InferenceService,
    @Optional() @Inject(HealthRegistry) private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    void this.inference.start();
    this.health?.register('model', async () => ({
      status: this.inference.ready ? 'up' : 'down',
      state: this.inference.state,
      ...(this.inference.modelVersion !== undefined ? { modelVersion: this.inference.modelVersion } : {}),
      precision: this.inference.precision,
      ...(this.inference.error !== undefined ? { error: this.inference.error } : {}),
      queueDepth: this.inference.queueDepth,
    }));
  }
}
