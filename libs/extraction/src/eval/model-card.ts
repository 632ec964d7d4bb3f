/** Renders models/MODEL_CARD.md from the training report and evaluation results. */
import { type NetworkConfig, receptiveFieldOf } from '../model/network';
import { SECOND_ROW_OF } from '../model/features';
import { type EvalResult, formatScores } from './span-metrics';

export interface TrainingReport {
  modelVersion: string;
  featureVersion: string;
  seed: number;
  config: NetworkConfig;
  parameters: number;
  onnxBytes: number;
  sha256: string;
  data: {
    generated: number;
    train: number;
    dev: number;
    test: number;
    /** Generated documents after the split ones, trained on only (absent in older reports). */
    extraTrain?: number;
    zhShare: number;
    claimShare: number;
    /** Hand-written training documents (test/fixtures/extraction/train), absent in older reports. */
    handwrittenTrain?: number;
    handwrittenRepeat?: number;
    /** Probability of swapping a span in the repeated copies (mention replacement), absent in older reports. */
    mentionSwap?: number;
  };
  training: {
    epochs: number;
    steps: number;
    seconds: number;
    charsSeen: number;
    engine: string;
    threads: number;
    stoppedByTime: boolean;
    /** Regularisers, absent in older reports. */
    featureDropout?: number;
    averageDecay?: number;
    /** Loss weight of span edges (absent = 1, every position alike). */
    edgeWeight?: number;
    /** Distilled: the teachers' versions/seeds and the share of their mean probabilities in the targets. */
    distillation?: { teachers: string[]; share: number };
  };
  command: string;
}

export interface CardSection {
  title: string;
  result: EvalResult;
  /** What the table's last column counts (formatScores' default: gold spans). */
  counted?: string;
  note?: string;
}

/** `comparison`: optional markdown lines (e.g. model vs regex baseline) placed before the per-set tables. */
export function renderModelCard(r: TrainingReport, sections: readonly CardSection[], speed: string[], comparison: readonly string[] = []): string {
  const c = r.config;
  return [
    `# Field extraction tagger — ${r.modelVersion}`,
    '',
    'Character-level BIO sequence labeller for inspection records and insurance claims, English and Chinese, no tokenizer.',
    '',
    '## Artefacts',
    '',
    `- \`models/extractor.onnx\`: ${(r.onnxBytes / 1e6).toFixed(2)} MB, SHA-256 \`${r.sha256}\``,
    '- `models/labels.json`: tag list (index 0 = `O`), feature config, model version, training report',
    '- `models/calibration.json`: the confidence calibration fitted for this model (see Confidence), when present',
    '- ONNX opset 17, standard operators only. Input `features` int64 [batch, seq, slots] from `featurize()`;',
    '  output `probs` float32 [batch, seq, tags]. Id 0 is padding and is masked out (parity test covers it).',
    '',
    '## Architecture',
    '',
    `- Features (\`${r.featureVersion}\`): ${c.slots} hashed slots per UTF-16 unit (NFKC-lowercased char, left/right bigram,`,
    '  trigram, surrounding token, token shape + position, previous/second-previous/next token, script classes,',
    '  and the header of the flattened-table column the character sits in); of these,',
    `  ${Object.keys(SECOND_ROW_OF).length} are second rows: the n-gram and token keys hashed again into other tables (Bloom embeddings, as`,
    "  spaCy's HashEmbed), so two keys that share a row of one table rarely share the other.",
    `  Embedding rows: ${c.rows} in total (per slot in labels.json), width ${c.width}; slot embeddings are summed`,
    '  (MultiHashEmbed without the mixing layer), then layer norm.',
    `- Encoder: ${c.depth} residual blocks of window ${2 * c.window + 1} (dilations ${c.dilations.join(', ')}) -> linear to`,
    `  ${c.width}x${c.pieces} -> maxout (${c.pieces} pieces) -> layer norm; receptive field ±${receptiveFieldOf(c)} chars.`,
    `- Output: linear ${c.width} -> ${c.tags} BIO tags, softmax. Parameters: ${r.parameters.toLocaleString('en')}.`,
    '',
    '## Training',
    '',
    `- Data: ${r.data.generated} generated documents (seed ${r.seed}; ${Math.round(r.data.zhShare * 100)}% Chinese,`,
    `  ${Math.round(r.data.claimShare * 100)}% claims), split train/dev/test ${r.data.train}/${r.data.dev}/${r.data.test}` +
      (r.data.extraTrain ? `, plus ${r.data.extraTrain} more generated with the same seed for training only.` : '.'),
    '  Layouts: key/value forms, flattened tables, narrative, terse lower-case shorthand, mixed; noise: typos, OCR',
    '  confusions, full-width characters, stray spaces and line breaks, mixed date and amount formats.',
    ...(r.data.handwrittenTrain
      ? [
          `- Plus ${r.data.handwrittenTrain} hand-written training documents (\`test/fixtures/extraction/train\`, half Chinese), each seen`,
          `  ${r.data.handwrittenRepeat ?? 1} times per epoch: the real register (e-mails, chat, shorthand, forms) the generator lacks. They were`,
          '  written separately from the evaluation set and share no 40-character passage with it (test/extraction/handwritten-training-set.spec.ts).',
          ...(r.data.mentionSwap
            ? [
                `  All copies but the first swap each span with probability ${r.data.mentionSwap} for another span of the same label and`,
                '  language from the set (mention replacement, `libs/extraction/src/data/mention-swap.ts`): same contexts, other values.',
              ]
            : []),
        ]
      : []),
    `- Optimiser: Adam (lazy on embedding rows), ${r.training.epochs} epochs, ${r.training.steps} steps,`,
    `  ${r.training.charsSeen.toLocaleString('en')} characters seen, ${r.training.seconds.toFixed(0)} s wall clock`,
    `  (${r.training.engine}, ${r.training.threads} threads)${r.training.stoppedByTime ? ' — STOPPED BY TIME BUDGET, not reproducible' : ''}.`,
    ...(r.training.featureDropout || r.training.averageDecay
      ? [
          `- Regularisation: feature dropout ${r.training.featureDropout ?? 0} (context slots hidden per character while training), ` +
            `exported weights are the moving average with decay ${r.training.averageDecay ?? 0}` +
            (r.training.edgeWeight ? `; span edges weigh ${r.training.edgeWeight}x in the loss.` : '.'),
          ...(r.training.distillation
            ? [
                `- Distilled: each position's target is ${1 - r.training.distillation.share} x the gold tag + ${r.training.distillation.share} x the mean ` +
                  `probabilities of ${r.training.distillation.teachers.length} teacher models (${r.training.distillation.teachers.join(', ')}) on the same training text.`,
              ]
            : []),
        ]
      : []),
    `- Reproduce: \`${r.command}\` (deterministic for the seed).`,
    '',
    '## Quality (span exact match: label + start + end, whitespace-trimmed; constrained Viterbi decoding)',
    '',
    ...(comparison.length > 0
      ? [
          ...comparison,
          '',
          'The "by field value" columns compare the fields as POST /v1/extract returns them: per document, the distinct (field, normalised value) pairs ' +
            'the gold spans and the served spans assemble to, offsets ignored (`libs/extraction/src/eval/value-metrics.ts`). ' +
            'Span exact match stays the headline figure; the value figure is what a record consumer sees.',
          '',
        ]
      : []),
    ...sections.flatMap((s) => [
      `### ${s.title}`,
      '',
      `${s.result.documents} documents, micro F1 **${s.result.micro.f1.toFixed(3)}**${s.note ? ` — ${s.note}` : ''}`,
      '',
      formatScores(s.result, s.counted),
      '',
    ]),
    '## Speed',
    '',
    ...speed.map((l) => `- ${l}`),
    '',
  ].join('\n');
}
