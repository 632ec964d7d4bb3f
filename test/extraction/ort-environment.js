/*
 * Jest runs each spec in its own vm realm, but onnxruntime-node's native binding creates typed
 * arrays in the outer realm and its Tensor constructor checks `instanceof Float32Array` against
 * the sandbox's. Sharing the outer realm's typed-array constructors makes both sides agree.
 * Use with the docblock `@jest-environment ./test/extraction/ort-environment.js`.
 */
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

class OrtEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      'ArrayBuffer', 'SharedArrayBuffer', 'Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array',
      'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
    ]) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = OrtEnvironment;
