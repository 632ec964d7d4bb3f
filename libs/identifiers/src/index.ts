export { isValidChineseResidentId, isValidLuhn, isValidVin, vinCheckDigit } from './checksums';
export { pooledRandomBytes, pooledRandomHex } from './random-pool';
