export { isValidChineseResidentId, isValidLuhn, isValidVin, vinCheckDigit } from './checksums';
