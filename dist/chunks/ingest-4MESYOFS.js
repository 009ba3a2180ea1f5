import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  FILE_WORKER_YOUNG_GENERATION_MB,
  MAX_HEADER_VALUE_CHARS,
  MAX_MESSAGE_BYTES,
  MAX_MIME_DEPTH,
  MAX_MIME_PARTS,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_ENTRY_BYTES,
  MAX_ZIP_NESTING,
  MAX_ZIP_TOTAL_BYTES,
  ParserPool,
  SNIFF_BYTES,
  WORKERS_ENV,
  decideKind,
  fileCap,
  filePoolSize,
  finishSmallFile,
  judgeSmallFile,
  notJsonReason,
  poolSize,
  prefetchInOrder,
  readFileJob,
  readPayload,
  workerScript,
  workersAvailable
} from "./chunk-GFJXMAFC.js";
import "./chunk-ZE3T6ODX.js";
import {
  policyDomainFromFilename
} from "./chunk-UBQU3XIK.js";
import "./chunk-YNBS3NDV.js";
import "./chunk-WDZ34UMO.js";
import "./chunk-4H27BXP7.js";
import "./chunk-UEMDV4PQ.js";
import "./chunk-NHRCP74O.js";
import "./chunk-QNAOXB7A.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-FDGYIFXX.js";

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter);
    function FdSlicer(fd) {
      EventEmitter.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter);
    function BufferSlicer(buffer) {
      EventEmitter.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc32(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc32;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter = __require("events").EventEmitter;
    var Transform = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable = __require("stream").Writable;
    var crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : require_crc32();
    exports.open = open2;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise(path, options2) {
      return new Promise((resolve, reject) => {
        open2(path, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromBufferPromise(buffer, options2) {
      return new Promise((resolve, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function open2(path, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf8 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
            entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage = validateFileName(entry.fileName);
            if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        resolve({ value: entry });
      }
      function onEnd() {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader) {
          if (err) return reject(err);
          resolve(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc32(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf8 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf8);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform);
    function AssertByteCountStream(byteCount) {
      Transform.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter);
    function RandomAccessReader() {
      EventEmitter.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error) {
        callback(error);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf8) {
      if (isUtf8) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// src/reports/ingest.ts
import { constants, createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

// src/reports/accounting.ts
function emptyCounts() {
  return { files: 0, parsed: 0, duplicates: 0, skipped: 0, messages: 0, quirks: /* @__PURE__ */ new Map() };
}
var IngestAccount = class {
  constructor(aggregator, logger) {
    this.aggregator = aggregator;
    this.logger = logger;
  }
  aggregator;
  logger;
  invalid = [];
  counts = emptyCounts();
  /** One small file's outcome, counted as reading the file on its own would count it. */
  countFile(path, outcome) {
    switch (outcome.kind) {
      case "report": {
        this.counts.files++;
        const accepted = this.accept({ ok: true, digest: outcome.digest });
        if (accepted.ok !== true) this.fail(path, accepted.ok === false ? accepted.error : "not JSON");
        return;
      }
      case "invalid":
        this.counts.files++;
        this.fail(path, outcome.error);
        return;
      case "skip":
        this.logger.debug(`reports: skipped ${path} (not a report file)`);
        return;
    }
  }
  /** A read report is counted and aggregated (duplicates recognised here, in input order). */
  accept(reading) {
    if (reading.ok !== true) return reading;
    const report = reading.digest;
    const outcome = this.aggregator.addDigest(report);
    if (outcome === "future") {
      const start = new Date(report.startMs).toISOString();
      return {
        ok: false,
        error: `dated in the future: its range starts ${start}, more than a day after this run's clock`
      };
    }
    this.counts.parsed++;
    for (const q of report.quirks) this.counts.quirks.set(q.code, (this.counts.quirks.get(q.code) ?? 0) + 1);
    if (outcome === "duplicate") this.counts.duplicates++;
    return { ok: true };
  }
  fail(path, error) {
    this.invalid.push({ path, error });
    this.logger.debug(`reports: ${path}: ${error}`);
  }
};

// src/reports/mime-words.ts
function decodeCharset(bytes, charset) {
  const label = charset.trim().toLowerCase();
  if (label === "" || label === "us-ascii" || label === "utf-8" || label === "utf8") {
    return bytes.toString("utf8");
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}
function percentDecode(value) {
  const out = Buffer.allocUnsafe(value.length);
  let o = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 37 && i + 2 < value.length && isHex(value, i + 1) && isHex(value, i + 2)) {
      out[o++] = parseInt(value.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[o++] = c & 255;
    }
  }
  return out.subarray(0, o);
}
function isHex(s, i) {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
}
function joinParamPieces(pieces) {
  const sorted = [...pieces].sort((a, b) => a.index - b.index);
  let charset = "";
  let joined = "";
  sorted.forEach((piece, n) => {
    let v = piece.value;
    if (n === 0 && piece.extended) {
      const m = /^([^']*)'[^']*'(.*)$/s.exec(v);
      if (m) {
        charset = m[1];
        v = m[2];
      }
    }
    joined += piece.extended ? v : v.replace(/%/g, "%25");
  });
  return decodeCharset(percentDecode(joined), charset);
}
var ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
function decodeEncodedWords(value) {
  if (!value.includes("=?")) return rawText(value);
  let out = "";
  let last = 0;
  let pending = null;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const charset = m[1].toLowerCase();
    const bytes = m[2].toLowerCase() === "b" ? Buffer.from(m[3], "base64") : decodeQ(m[3]);
    if (pending && /^[ \t\r\n]*$/.test(between)) {
      if (pending.charset === charset) pending.bytes.push(bytes);
      else {
        flush();
        pending = { charset, bytes: [bytes] };
      }
    } else {
      flush();
      out += rawText(between);
      pending = { charset, bytes: [bytes] };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + rawText(value.slice(last));
}
function decodeQ(text) {
  return percentDecode(text.replace(/_/g, " ").replace(/=/g, "%"));
}
function rawText(value) {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, "latin1");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}
function stripComments(value) {
  if (!value.includes("(")) return value;
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (depth === 0 && c === '"') quoted = !quoted;
    if (c === "\\" && i + 1 < value.length && (quoted || depth > 0)) {
      if (depth === 0) out += c + value[i + 1];
      i++;
      continue;
    }
    if (!quoted && c === "(") {
      depth++;
      continue;
    }
    if (!quoted && depth > 0 && c === ")") {
      depth--;
      if (depth === 0) out += " ";
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

// src/reports/mime.ts
var LF = 10;
var CR = 13;
var COLON = 58;
var Headers = class {
  map = /* @__PURE__ */ new Map();
  add(name, value) {
    const key = name.trim().toLowerCase();
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }
  /** The first value of a header (unfolded, trimmed), or null. */
  get(name) {
    return this.map.get(name.toLowerCase())?.[0]?.trim() ?? null;
  }
};
function parseMessage(bytes) {
  const budget = { parts: 0 };
  return parseEntity(bytes, 0, budget);
}
function parseEntity(bytes, depth, budget) {
  budget.parts++;
  const split = headerEnd(bytes);
  const headers = parseHeaders(bytes.subarray(0, split.headerEnd));
  const raw = bytes.subarray(split.bodyStart);
  const contentType = parseContentType(headers.get("content-type"));
  const part = { headers, contentType, raw, children: [], notes: [] };
  if (depth >= MAX_MIME_DEPTH) {
    part.notes.push(`MIME nesting deeper than ${MAX_MIME_DEPTH} levels not followed`);
    return part;
  }
  if (contentType.mediaType.startsWith("multipart/")) {
    const boundary = contentType.params["boundary"];
    if (!boundary) {
      part.notes.push("multipart without a boundary");
      return part;
    }
    const { bodies, closed } = splitMultipart(raw, boundary);
    if (!closed && bodies.length > 0) part.notes.push("no closing boundary");
    for (const body of bodies) {
      if (budget.parts >= MAX_MIME_PARTS) {
        part.notes.push(`more than ${MAX_MIME_PARTS} parts; the rest was not read`);
        break;
      }
      part.children.push(parseEntity(body, depth + 1, budget));
    }
  } else if (contentType.mediaType === "message/rfc822") {
    part.children.push(parseEntity(decodeBody(part), depth + 1, budget));
  }
  return part;
}
function headerEnd(bytes) {
  if (bytes[0] === LF) return { headerEnd: 0, bodyStart: 1 };
  if (bytes[0] === CR && bytes[1] === LF) return { headerEnd: 0, bodyStart: 2 };
  const crlf = bytes.indexOf(LF_CRLF);
  const lf = (crlf < 0 ? bytes : bytes.subarray(0, crlf + 2)).indexOf(LF_LF);
  if (lf < 0 && crlf < 0) return { headerEnd: bytes.length, bodyStart: bytes.length };
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headerEnd: crlf + 1, bodyStart: crlf + 3 };
  return { headerEnd: lf + 1, bodyStart: lf + 2 };
}
var LF_LF = Buffer.from("\n\n");
var LF_CRLF = Buffer.from("\n\r\n");
var WANTED = /* @__PURE__ */ new Set([
  "content-type",
  "content-transfer-encoding",
  "content-disposition",
  "content-description",
  "tls-report-domain",
  "tls-report-submitter",
  "message-id",
  "subject"
]);
var WANTED_INITIALS = new Set([...WANTED].map((n) => n.charCodeAt(0)));
function parseHeaders(block) {
  const headers = new Headers();
  let name = null;
  let value = "";
  let start = 0;
  const length = block.length;
  while (start < length) {
    let end = block.indexOf(LF, start);
    if (end < 0) end = length;
    const lineEnd = end > start && block[end - 1] === CR ? end - 1 : end;
    const first = block[start];
    if (first === 32 || first === 9) {
      if (name !== null && value.length < MAX_HEADER_VALUE_CHARS)
        value += block.toString(
          "latin1",
          start,
          Math.min(lineEnd, start + MAX_HEADER_VALUE_CHARS - value.length)
        );
    } else {
      if (name !== null) headers.add(name, value);
      name = null;
      if (WANTED_INITIALS.has(first | 32)) {
        let colon = start;
        while (colon < lineEnd && block[colon] !== COLON) colon++;
        if (colon > start && colon < lineEnd) {
          const candidate = block.toString("latin1", start, colon).trim().toLowerCase();
          if (WANTED.has(candidate)) {
            name = candidate;
            value = block.toString(
              "latin1",
              colon + 1,
              Math.min(lineEnd, colon + 1 + MAX_HEADER_VALUE_CHARS)
            );
          }
        }
      }
    }
    start = end + 1;
  }
  if (name !== null) headers.add(name, value);
  return headers;
}
function parseContentType(header) {
  if (header === null) return { mediaType: "text/plain", params: {} };
  const value = stripComments(header);
  const params = parseParams(value);
  const semi = value.indexOf(";");
  const mediaType = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  return { mediaType: mediaType || "text/plain", params };
}
function parseParams(value) {
  const raw = [];
  let i = value.indexOf(";");
  if (i < 0) return {};
  while (i < value.length) {
    i++;
    while (i < value.length && /\s/.test(value[i])) i++;
    const eq = value.indexOf("=", i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < value.length && /\s/.test(value[i])) i++;
    let v = "";
    let quoted = false;
    if (value[i] === '"') {
      quoted = true;
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === "\\" && i + 1 < value.length) i++;
        v += value[i];
        i++;
      }
      i++;
      const next = value.indexOf(";", i);
      i = next < 0 ? value.length : next;
    } else {
      const next = value.indexOf(";", i);
      v = value.slice(i, next < 0 ? value.length : next).trim();
      i = next < 0 ? value.length : next;
    }
    if (key) raw.push([key, v, quoted]);
  }
  const params = {};
  const continued = /* @__PURE__ */ new Map();
  for (const [key, v] of raw) {
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (!m) {
      params[key] = v;
      continue;
    }
    const base = m[1];
    const extended = m[3] !== void 0 || m[2] === void 0;
    const list = continued.get(base) ?? [];
    list.push({ index: Number(m[2] ?? 0), value: v, extended });
    continued.set(base, list);
  }
  for (const [base, list] of continued) params[base] = joinParamPieces(list);
  return params;
}
function splitMultipart(body, boundary) {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const bodies = [];
  let partStart = -1;
  let from = 0;
  for (; ; ) {
    const at = body.indexOf(delimiter, from);
    if (at < 0) break;
    from = at + delimiter.length;
    if (at > 0 && body[at - 1] !== LF) continue;
    let j = at + delimiter.length;
    const closing = body[j] === 45 && body[j + 1] === 45;
    if (closing) j += 2;
    while (j < body.length && (body[j] === 32 || body[j] === 9)) j++;
    if (j < body.length && body[j] !== CR && body[j] !== LF) continue;
    if (partStart >= 0) bodies.push(body.subarray(partStart, lineBreakStart(body, at)));
    if (closing) return { bodies, closed: true };
    if (body[j] === CR) j++;
    if (body[j] === LF) j++;
    partStart = j;
  }
  if (partStart >= 0) bodies.push(body.subarray(partStart));
  return { bodies, closed: false };
}
function lineBreakStart(body, at) {
  if (at > 0 && body[at - 1] === LF) return at >= 2 && body[at - 2] === CR ? at - 2 : at - 1;
  return at;
}
function decodeBody(part) {
  const cte = (part.headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (cte === "base64") return Buffer.from(part.raw.toString("latin1"), "base64");
  if (cte === "quoted-printable") return decodeQuotedPrintable(part.raw);
  return part.raw;
}
var HEX = {};
for (let i = 0; i < 16; i++) {
  HEX["0123456789abcdef".charCodeAt(i)] = i;
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
}
function decodeQuotedPrintable(input) {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === 32 || c === 9) {
      let j = i + 1;
      while (input[j] === 32 || input[j] === 9) j++;
      const next = input[j];
      if (next !== void 0 && next !== LF && next !== CR) {
        out.set(input.subarray(i, j), o);
        o += j - i;
      }
      i = j - 1;
      continue;
    }
    if (c !== 61) {
      out[o++] = c;
      continue;
    }
    let p = i + 1;
    while (input[p] === 32 || input[p] === 9) p++;
    if (input[p] === LF) {
      i = p;
      continue;
    }
    if (input[p] === CR && input[p + 1] === LF) {
      i = p + 1;
      continue;
    }
    if (p === input.length) {
      i = p;
      continue;
    }
    const a = input[i + 1];
    const b = input[i + 2];
    if (a !== void 0 && b !== void 0 && HEX[a] !== void 0 && HEX[b] !== void 0) {
      out[o++] = HEX[a] * 16 + HEX[b];
      i += 2;
    } else {
      out[o++] = c;
    }
  }
  return out.subarray(0, o);
}
function leafParts(root) {
  const out = [];
  const walk = (p) => {
    if (p.children.length === 0) out.push(p);
    else p.children.forEach(walk);
  };
  walk(root);
  return out;
}
function partFilename(part) {
  const disposition = part.headers.get("content-disposition");
  const fromDisposition = disposition ? parseParams(disposition)["filename"] : void 0;
  const name = fromDisposition ?? part.contentType.params["name"];
  if (name) return decodeEncodedWords(name).trim();
  const description = part.headers.get("content-description");
  return description && /\.json(\.gz)?$/i.test(description) ? description.trim() : null;
}

// src/reports/mail.ts
var TLSRPT_TYPES = /* @__PURE__ */ new Set(["application/tlsrpt+gzip", "application/tlsrpt+json"]);
var CARRIER_TYPES = /* @__PURE__ */ new Set([
  ...TLSRPT_TYPES,
  "application/gzip",
  "application/x-gzip",
  "application/gzip-compressed",
  "application/x-gzip-compressed",
  "application/octet-stream",
  "application/json"
]);
function readMail(bytes) {
  const root = parseMessage(bytes);
  const messages = [root, ...innerMessages(root)];
  const header = (name) => {
    for (const m of messages) {
      const v = m.headers.get(name);
      if (v) return v;
    }
    return null;
  };
  const reportDomain = header("tls-report-domain");
  const leaves = leafParts(root);
  const candidates = [];
  for (const leaf of leaves) {
    const filename = partFilename(leaf);
    const mediaType = leaf.contentType.mediaType;
    const named = filename !== null && /\.(json|gz)$/i.test(filename);
    if (!CARRIER_TYPES.has(mediaType) && !named) continue;
    candidates.push({
      filename,
      mediaType,
      bytes: decodeBody(leaf),
      tlsrptTyped: TLSRPT_TYPES.has(mediaType)
    });
  }
  const isTlsRpt = reportDomain !== null || candidates.some((c) => c.tlsrptTyped) || messages.some(
    (m) => m.contentType.mediaType === "multipart/report" && (m.contentType.params["report-type"] ?? "").toLowerCase() === "tlsrpt"
  );
  return {
    isTlsRpt,
    messageId: header("message-id"),
    reportDomain: reportDomain ? reportDomain.trim().toLowerCase() : null,
    candidates,
    notes: collectNotes(root)
  };
}
function innerMessages(root) {
  const out = [];
  const walk = (p) => {
    for (const c of p.children) {
      if (p.contentType.mediaType === "message/rfc822") out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}
function collectNotes(root) {
  const out = [];
  const walk = (p) => {
    out.push(...p.notes);
    p.children.forEach(walk);
  };
  walk(root);
  return out;
}

// src/reports/mbox.ts
var LF2 = 10;
var CR2 = 13;
var NL_FROM = Buffer.from("\nFrom ", "latin1");
var FROM = Buffer.from("From ", "latin1");
var FROM_LINE = /^From \S+\s+[A-Za-z]{3},? +[A-Za-z]{3} +\d{1,2} +\d{1,2}:\d{2}/;
var LOOSE_FROM_LINE = /^From \S+ .*\d{1,2}:\d{2}/;
var MAX_CARRY = 64 * 1024;
async function* splitMbox(chunks, maxMessageBytes = MAX_MESSAGE_BYTES) {
  let parts = [];
  let size = 0;
  let oversized = false;
  let index = 1;
  let carry = Buffer.alloc(0);
  let midLine = false;
  let lastLineBlank = true;
  let atFileStart = true;
  const append = (b) => {
    if (b.length === 0) return;
    size += b.length;
    if (oversized) return;
    if (size > maxMessageBytes) {
      oversized = true;
      parts = [];
      return;
    }
    parts.push(b);
  };
  const take = () => {
    const message2 = { index, bytes: oversized ? null : finish(parts), size };
    const empty = !oversized && message2.bytes.every((c) => c === LF2 || c === CR2 || c === 32 || c === 9);
    parts = [];
    size = 0;
    oversized = false;
    if (empty) return null;
    index++;
    return message2;
  };
  function* scan(buf) {
    const end = buf.lastIndexOf(LF2) + 1;
    if (end === 0) {
      carry = buf;
      if (carry.length > MAX_CARRY) {
        append(carry);
        carry = Buffer.alloc(0);
        midLine = true;
        lastLineBlank = false;
      }
      return;
    }
    let segStart = 0;
    let pos = 0;
    for (; ; ) {
      let c;
      if (pos === 0 && !midLine && buf.subarray(0, FROM.length).equals(FROM)) {
        c = 0;
      } else {
        const i = buf.indexOf(NL_FROM, pos === 0 ? 0 : pos - 1);
        if (i < 0) break;
        c = i + 1;
      }
      const lineEnd = buf.indexOf(LF2, c);
      if (c >= end || lineEnd < 0 || lineEnd >= end) break;
      const line = buf.subarray(c, lineEnd).toString("latin1");
      let prevBlank;
      if (c === 0) {
        prevBlank = lastLineBlank;
      } else {
        const prevStart = c >= 2 ? buf.lastIndexOf(LF2, c - 2) + 1 : 0;
        const prevLen = c - 1 - prevStart;
        prevBlank = prevLen === 0 || prevLen === 1 && buf[c - 2] === CR2;
      }
      const separator = atFileStart && c === 0 || FROM_LINE.test(line) || prevBlank && LOOSE_FROM_LINE.test(line);
      pos = lineEnd + 1;
      if (!separator) continue;
      append(buf.subarray(segStart, c));
      const message2 = take();
      if (message2) yield message2;
      segStart = lineEnd + 1;
    }
    atFileStart = false;
    midLine = false;
    append(buf.subarray(segStart, end));
    const lastStart = end >= 2 ? buf.lastIndexOf(LF2, end - 2) + 1 : 0;
    const lastLen = end - 1 - lastStart;
    lastLineBlank = lastLen === 0 || lastLen === 1 && buf[end - 2] === CR2;
    carry = Buffer.from(buf.subarray(end));
  }
  for await (const chunk of chunks) {
    const data = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const firstLf = carry.length > 0 ? data.indexOf(LF2) : -1;
    if (carry.length === 0) yield* scan(data);
    else if (firstLf < 0) yield* scan(Buffer.concat([carry, data]));
    else {
      yield* scan(Buffer.concat([carry, data.subarray(0, firstLf + 1)]));
      yield* scan(data.subarray(firstLf + 1));
    }
  }
  append(carry);
  const message = take();
  if (message) yield message;
}
function finish(parts) {
  const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  if (bytes.indexOf("\n>From ", 0, "latin1") < 0 && !bytes.subarray(0, 6).equals(Buffer.from(">From "))) {
    return bytes;
  }
  return Buffer.from(bytes.toString("latin1").replace(/^>(>*From )/gm, "$1"), "latin1");
}

// src/reports/zip.ts
var import_yauzl = __toESM(require_yauzl(), 1);
function newDecompressionBudget() {
  return { spent: 0 };
}
var BudgetSpent = class extends Error {
  constructor() {
    super(`zip: more than ${MAX_ZIP_TOTAL_BYTES} bytes decompressed in total`);
  }
};
var names = import_yauzl.default;
async function forEachZipEntry(source, onEntry, budget = newDecompressionBudget()) {
  let zip;
  const options2 = {
    lazyEntries: true,
    autoClose: true,
    validateEntrySizes: true,
    strictFileNames: false,
    decodeStrings: false
  };
  try {
    zip = "path" in source ? await import_yauzl.default.openPromise(source.path, options2) : await import_yauzl.default.fromBufferPromise(viewAsBuffer(source.bytes), options2);
  } catch (error) {
    return `zip: ${error.message}`;
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    return `zip: ${zip.entryCount} entries, more than the limit of ${MAX_ZIP_ENTRIES}`;
  }
  const count = (n) => {
    budget.spent += n;
    if (budget.spent > MAX_ZIP_TOTAL_BYTES) throw new BudgetSpent();
  };
  try {
    for await (const entry of zip.eachEntry()) {
      const name = names.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileName,
        entry.extraFields,
        false
      );
      if (name.endsWith("/")) continue;
      const unsafe = names.validateFileName(name);
      const open2 = async () => {
        if (entry.isEncrypted()) throw new Error("entry is encrypted");
        return zip.openReadStreamPromise(entry);
      };
      await onEntry({
        name,
        size: entry.uncompressedSize,
        refused: unsafe === null ? null : `unsafe entry name (${unsafe}); not read`,
        read: async (cap) => {
          if (entry.uncompressedSize > cap) {
            return {
              ok: false,
              error: `entry is ${entry.uncompressedSize} bytes, more than the limit of ${cap}`
            };
          }
          try {
            const chunks = [];
            for await (const chunk of await open2()) {
              count(chunk.length);
              chunks.push(chunk);
            }
            return { ok: true, bytes: Buffer.concat(chunks) };
          } catch (error) {
            if (error instanceof BudgetSpent) throw error;
            return { ok: false, error: error.message };
          }
        },
        stream: async () => {
          const stream = await open2();
          return (async function* () {
            for await (const chunk of stream) {
              count(chunk.length);
              yield chunk;
            }
          })();
        }
      });
    }
  } catch (error) {
    zip.close();
    return error.message.startsWith("zip:") ? error.message : `zip: ${error.message}`;
  }
  return null;
}
function viewAsBuffer(bytes) {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// src/reports/ingest.ts
var PROGRESS_EVERY = 1e4;
var FILES_PROGRESS_EVERY = 5e4;
var IN_FLIGHT = 32;
var IN_FLIGHT_BYTES = 32 * 1024 * 1024;
var POOL_MIN_BYTES = 16 * 1024 * 1024;
var POOL_MIN_FILES = 2e3;
var MIN_FILES_PER_BATCH = 128;
var MAX_FILES_PER_BATCH = 2048;
var FILE_BATCHES_IN_FLIGHT_PER_WORKER = 3;
var HERE_FILES = 256;
function nextBatchSize(remaining, workers) {
  const share = Math.ceil(remaining / (workers * FILE_BATCHES_IN_FLIGHT_PER_WORKER));
  return Math.min(Math.max(share, MIN_FILES_PER_BATCH), MAX_FILES_PER_BATCH);
}
var READ_CHUNK = 1024 * 1024;
async function settle(m, pool) {
  m.ready = [];
  for (const { reading } of m.parts) m.ready.push("job" in reading ? await pool.result(reading) : reading);
  return m;
}
var Ingestor = class extends IngestAccount {
  /** The parser workers of files(), kept for every run of files until close(). */
  filePool = null;
  /** Files read by files() so far, over all its runs (see filesRead). */
  filesDone = 0;
  /** A progress line every this many files read by files(). */
  filesProgressEvery = FILES_PROGRESS_EVERY;
  /** A file on disk. */
  async file(path, explicit) {
    let head;
    let size;
    try {
      const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          this.counts.files++;
          this.fail(path, "is not a regular file");
          return;
        }
        size = info.size;
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      this.counts.files++;
      this.fail(path, `cannot read: ${error.message}`);
      return;
    }
    const kind = decideKind(path, head, explicit);
    if (kind === "skip") {
      this.logger.debug(`reports: skipped ${path} (not a report file)`);
      return;
    }
    this.counts.files++;
    if (kind === "mbox") {
      return this.mbox(path, createReadStream(path, { highWaterMark: READ_CHUNK }), size);
    }
    if (kind === "zip") return this.zip(path, { path }, 1, newDecompressionBudget());
    const cap = fileCap(kind);
    if (size > cap) return this.fail(path, `${size} bytes, more than the limit of ${cap} for a ${kind} file`);
    let bytes;
    try {
      bytes = await readFile(path);
    } catch (error) {
      return this.fail(path, `cannot read: ${error.message}`);
    }
    await this.bytes(path, path, bytes, kind, 1, newDecompressionBudget());
  }
  /**
   * Files a folder walk has found so far, or expects to find in a folder it is about to read:
   * from POOL_MIN_FILES on, the parser workers for files() start while the walk goes on (their
   * start-up would otherwise come after it).
   */
  expectFiles(count) {
    if (this.filePool !== null || count < POOL_MIN_FILES || !workersAvailable()) return;
    let workers;
    try {
      workers = filePoolSize();
    } catch {
      return;
    }
    if (workers > 0) this.filePool = new ParserPool(workers, FILE_WORKER_YOUNG_GENERATION_MB);
  }
  /** Stops the parser workers of files(), once every input is read. */
  async close() {
    const pool = this.filePool;
    this.filePool = null;
    await pool?.close();
  }
  /**
   * Many files, in order. Small files are read in batches with plain system calls
   * (prefetch.ts); when there are many, parser workers read, parse, count and aggregate them a
   * batch at a time (both cores work), and this thread merges each batch in its place.
   * Counts, duplicates and invalid entries come out exactly as file() one by one.
   */
  async files(files) {
    const workers = workersAvailable() ? filePoolSize() : 0;
    const forced = process.env[WORKERS_ENV] !== void 0 && process.env[WORKERS_ENV] !== "";
    if (workers > 0 && (forced || files.length >= POOL_MIN_FILES)) return this.filesOnWorkers(files, workers);
    let i = 0;
    for await (const read of prefetchInOrder(files.map((f) => f.path))) {
      const { path, explicit } = files[i++];
      if (read.kind === "defer") await this.file(path, explicit);
      else {
        const outcome = judgeSmallFile(path, explicit, read.bytes);
        if (outcome.kind === "other") {
          this.counts.files++;
          await this.bytes(path, path, read.bytes, outcome.fileKind, 1, newDecompressionBudget());
        } else await this.smallFile(path, explicit, outcome);
      }
      this.filesRead(1);
    }
  }
  /** Counts files read by files(), with a progress line each FILES_PROGRESS_EVERY files. */
  filesRead(n) {
    const before = Math.floor(this.filesDone / this.filesProgressEvery);
    this.filesDone += n;
    if (Math.floor(this.filesDone / this.filesProgressEvery) > before)
      this.logger.progress(`reports: ${this.filesDone} files read`);
  }
  /**
   * The files in batches, in order. This thread counts every file in input order; the workers
   * read the batches ahead of it (three each in flight), in one of two ways, whichever side is
   * behind: inflated only, so that this thread parses and validates them
   * (./inflated-files.ts), or parsed whole, so that it only counts them.
   */
  async filesOnWorkers(files, workers) {
    const pool = this.filePool ??= new ParserPool(workers, FILE_WORKER_YOUNG_GENERATION_MB);
    this.logger.debug(
      `reports: ${files.length} files: read on ${workers} worker threads, counted on this one (${basename(fileURLToPath(workerScript()))})`
    );
    const order = [];
    let onWorkers = 0;
    let workersAhead = false;
    let next = 0;
    const take = (most) => {
      const jobs = files.slice(next, next + Math.min(most, nextBatchSize(files.length - next, workers)));
      next += jobs.length;
      return jobs;
    };
    const refill = () => {
      while (next < files.length && onWorkers < FILE_BATCHES_IN_FLIGHT_PER_WORKER * workers) {
        const jobs = take(Number.POSITIVE_INFINITY);
        const batch = { jobs, ready: null, answer: null };
        onWorkers++;
        const reading = workersAhead ? pool.readFiles(jobs).then((outcomes) => ({ kind: "outcomes", outcomes })) : pool.inflateFiles(jobs).then((inflated) => ({ kind: "inflated", inflated }));
        batch.answer = reading.then((r) => {
          onWorkers--;
          return batch.ready = r;
        });
        order.push(batch);
      }
    };
    refill();
    while (order.length > 0 || next < files.length) {
      const oldest = order[0];
      if (oldest === void 0) {
        await this.readHere(take(HERE_FILES));
        refill();
      } else {
        workersAhead = oldest.ready !== null;
        const batch = oldest.ready ?? await oldest.answer;
        order.shift();
        refill();
        if (batch.kind === "inflated") await this.finishBatch(oldest.jobs, batch.inflated);
        else await this.countBatch(oldest.jobs, batch.outcomes());
      }
    }
  }
  /** A batch parsed on a worker that follows every file counted so far, counted in order. */
  async countBatch(jobs, outcomes) {
    for (let k = 0; k < jobs.length; k++) {
      const reading = this.smallFile(jobs[k].path, jobs[k].explicit, outcomes[k]);
      if (reading) await reading;
    }
    this.filesRead(jobs.length);
  }
  /** A batch that follows every file counted so far, read and counted here one by one. */
  async readHere(jobs) {
    for (const job of jobs) {
      const reading = this.smallFile(job.path, job.explicit, readFileJob(job));
      if (reading) await reading;
    }
    this.filesRead(jobs.length);
  }
  /** An inflated batch that follows every file counted so far: parsed and counted in order. */
  async finishBatch(jobs, batch) {
    let other = 0;
    let start = 0;
    for (let i = 0; i < jobs.length; i++) {
      const end = batch.ends[i];
      const { path, explicit } = jobs[i];
      const listed = batch.others[other];
      let outcome;
      if (listed !== void 0 && listed[0] === i) {
        outcome = listed[1];
        other++;
      } else outcome = finishSmallFile(path, batch.bytes.subarray(start, end));
      start = end;
      const reading = this.smallFile(path, explicit, outcome);
      if (reading) await reading;
    }
    this.filesRead(jobs.length);
  }
  /** One file's outcome (judged here or on a worker), counted as file() would count it. */
  smallFile(path, explicit, outcome) {
    switch (outcome.kind) {
      case "defer":
        return this.file(path, explicit);
      case "throw":
        throw new Error(outcome.error);
      default:
        this.countFile(path, outcome);
        return void 0;
    }
  }
  /** An archive handed over in memory (the action's reports-artifact). */
  async archive(name, bytes) {
    this.counts.files++;
    const kind = decideKind(name, bytes.subarray(0, SNIFF_BYTES), true);
    await this.bytes(
      name,
      name,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      kind,
      1,
      newDecompressionBudget()
    );
  }
  async bytes(display, name, bytes, kind, nesting, budget) {
    switch (kind) {
      case "zip":
        if (nesting > MAX_ZIP_NESTING)
          return this.fail(display, `zip nested deeper than ${MAX_ZIP_NESTING} levels`);
        return this.zip(display, { bytes }, nesting, budget);
      case "mbox":
        return this.mbox(display, [bytes], bytes.length);
      case "eml":
        return this.message(display, bytes, null, false);
      case "json":
      case "gzip": {
        const hint = policyDomainFromFilename(name);
        const outcome = this.payload(bytes, hint);
        if (outcome.ok === "not-json") return this.fail(display, notJsonReason(bytes));
        if (outcome.ok !== true) return this.fail(display, outcome.error);
        return;
      }
      case "skip":
        this.counts.skipped++;
        return;
      case "unknown":
        return this.fail(display, "not a report: neither JSON, gzip, zip nor a mail message");
    }
  }
  async zip(display, source, nesting, budget) {
    const error = await forEachZipEntry(
      source,
      (entry) => this.zipEntry(display, entry, nesting, budget),
      budget
    );
    if (error) this.fail(display, error);
  }
  async zipEntry(display, entry, nesting, budget) {
    const where = `${display}:${entry.name}`;
    if (entry.refused !== null) return this.fail(where, entry.refused);
    if (/\.(mbox|mbx)$/i.test(entry.name)) return this.mbox(where, await entry.stream());
    const read = await entry.read(MAX_ZIP_ENTRY_BYTES);
    if (!read.ok) return this.fail(where, read.error);
    const kind = decideKind(entry.name, read.bytes.subarray(0, SNIFF_BYTES), false);
    await this.bytes(where, entry.name, read.bytes, kind, nesting + 1, budget);
  }
  async mbox(display, chunks, size = null) {
    const workers = workersAvailable() ? poolSize() : 0;
    const forced = process.env[WORKERS_ENV] !== void 0 && process.env[WORKERS_ENV] !== "";
    let pool = null;
    try {
      if (workers > 0 && (forced || (size ?? 0) >= POOL_MIN_BYTES)) {
        pool = new ParserPool(workers);
        this.logger.debug(
          `reports: ${display}: parsing on ${workers} worker threads (${basename(fileURLToPath(workerScript()))})`
        );
      }
      const queue = [];
      let queuedBytes = 0;
      for await (const m of splitMbox(toAsync(chunks))) {
        if (m.index % PROGRESS_EVERY === 0) this.logger.progress(`${display}: ${m.index} messages read`);
        const where = `${display}#${m.index}`;
        if (m.bytes === null) {
          this.counts.messages++;
          this.fail(
            where,
            `message ${m.index}: ${m.size} bytes, more than the limit of ${MAX_MESSAGE_BYTES}`
          );
          continue;
        }
        queue.push(this.prepareMessage(where, m.bytes, m.index, true, pool));
        queuedBytes += m.bytes.length;
        while (queue.length > IN_FLIGHT || queue.length > 1 && queuedBytes > IN_FLIGHT_BYTES) {
          const oldest = queue.shift();
          queuedBytes -= oldest.size;
          this.finishMessage(await settle(oldest, pool));
        }
      }
      pool?.flush();
      while (queue.length > 0) this.finishMessage(await settle(queue.shift(), pool));
    } catch (error) {
      this.fail(display, `cannot read: ${error.message}`);
    } finally {
      await pool?.close();
    }
  }
  /** One message read on its own (an .eml file or zip entry). */
  async message(where, bytes, index, inMailbox) {
    this.finishMessage(await settle(this.prepareMessage(where, bytes, index, inMailbox, null), null));
  }
  /**
   * Parses the MIME structure and reads the candidate parts (on a worker when a pool is given);
   * finishMessage counts and aggregates them, in order, once they are ready.
   */
  prepareMessage(where, bytes, index, inMailbox, pool) {
    this.counts.messages++;
    const mail = readMail(bytes);
    const parts = mail.candidates.map((c) => {
      const hint = mail.reportDomain ?? (c.filename ? policyDomainFromFilename(c.filename) : null);
      return { candidate: c, reading: pool ? pool.submit(c.bytes, hint) : readPayload(c.bytes, hint) };
    });
    return { where, index, inMailbox, mail, size: bytes.length, parts, ready: [] };
  }
  /**
   * In a mailbox, ordinary mail (no TLS-RPT marker and no report-like part) is skipped; as a
   * file of its own a message was given as a report, so it is reported invalid.
   */
  finishMessage(m) {
    const { mail, where, index } = m;
    const label = [index !== null ? `message ${index}` : null, mail.messageId].filter(Boolean).join(" ");
    const prefix = label ? `${label}: ` : "";
    const failures = [];
    let found = 0;
    m.parts.forEach(({ candidate: c }, i) => {
      const outcome = this.accept(m.ready[i]);
      const part = c.filename ?? `part ${i + 1} (${c.mediaType})`;
      if (outcome.ok === true) found++;
      else if (outcome.ok === "not-json") {
        if (c.tlsrptTyped) failures.push(`${part}: ${notJsonReason(c.bytes)}`);
      } else failures.push(`${part}: ${outcome.error}`);
    });
    if (failures.length > 0) return this.fail(where, prefix + failures.join("; "));
    if (found > 0) return;
    if (!mail.isTlsRpt && m.inMailbox) {
      this.counts.skipped++;
      this.logger.debug(`reports: ${where} is not a TLS-RPT message, skipped`);
      return;
    }
    const why = mail.isTlsRpt ? "TLS-RPT message without a report attachment" : "not a TLS-RPT report message";
    const notes = mail.notes.length > 0 ? ` (${mail.notes.join("; ")})` : "";
    this.fail(where, `${prefix}${why}${notes}`);
  }
  /** Report bytes (gzip or JSON) → aggregator. 'not-json': the bytes are no JSON object at all. */
  payload(input, policyDomain) {
    return this.accept(readPayload(input, policyDomain));
  }
  /** A file found but not read (a symlink out of the folder, a FIFO): one report-invalid. */
  refuse(path, why) {
    this.counts.files++;
    this.fail(path, why);
  }
};
async function* toAsync(chunks) {
  for await (const chunk of chunks) yield chunk;
}
export {
  FILES_PROGRESS_EVERY,
  Ingestor,
  nextBatchSize
};
