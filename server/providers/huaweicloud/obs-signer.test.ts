import { describe, expect, it } from 'vitest';
import { canonicalResource, obsSignature, obsStringToSign, signObs } from './obs-signer';

/**
 * OBS's header signature is S3's signature version 2 with `x-obs-` headers. SIGNING-VECTORS.md has no OBS vector, so
 * the algorithm is pinned to the examples Amazon publishes for version 2 (S3 developer guide, "Signing and
 * authenticating REST requests": key AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, the same
 * values other S3 V2 signers' tests pin), run through our StringToSign builder with the `x-amz-` prefix, and the
 * StringToSign construction to the examples of the OBS API reference.
 */
const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('OBS / S3 V2 signer', () => {
  it.each<{
    what: string;
    method: string;
    headers: Record<string, string>;
    resource: string;
    sts: string;
    sig: string;
  }>([
    {
      what: 'object GET',
      method: 'GET',
      headers: { Host: 'johnsmith.s3.amazonaws.com', Date: 'Tue, 27 Mar 2007 19:36:42 +0000' },
      resource: canonicalResource('johnsmith', 'photos/puppy.jpg', []),
      sts: 'GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg',
      sig: 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=',
    },
    {
      what: 'object PUT',
      method: 'PUT',
      headers: {
        'Content-Type': 'image/jpeg',
        'Content-Length': '94328',
        Host: 'johnsmith.s3.amazonaws.com',
        Date: 'Tue, 27 Mar 2007 21:15:45 +0000',
      },
      resource: canonicalResource('johnsmith', 'photos/puppy.jpg', []),
      sts: 'PUT\n\nimage/jpeg\nTue, 27 Mar 2007 21:15:45 +0000\n/johnsmith/photos/puppy.jpg',
      sig: 'MyyxeRY7whkBe+bq8fHCL/2kKUg=',
    },
    {
      what: 'bucket list (query parameters that are not sub-resources are not signed)',
      method: 'GET',
      headers: { Date: 'Tue, 27 Mar 2007 19:42:41 +0000' },
      resource: canonicalResource('johnsmith', '', [
        ['prefix', 'photos'],
        ['max-keys', '50'],
        ['marker', 'puppy'],
      ]),
      sts: 'GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/johnsmith/',
      sig: 'htDYFYduRNen8P9ZfE/s9SuKy0U=',
    },
    {
      what: 'ACL fetch (a sub-resource without a value)',
      method: 'GET',
      headers: { Date: 'Tue, 27 Mar 2007 19:44:46 +0000' },
      resource: canonicalResource('johnsmith', '', [['acl', '']]),
      sts: 'GET\n\n\nTue, 27 Mar 2007 19:44:46 +0000\n/johnsmith/?acl',
      sig: 'c2WLPFtWHVgbEmeEG93a4cG37dM=',
    },
    {
      what: 'upload with Content-MD5 and prefixed headers (lower-cased, sorted, repeated values joined)',
      method: 'PUT',
      headers: {
        'Content-MD5': '4gJE4saaMU4BqNR0kLY+lw==',
        'Content-Type': 'application/x-download',
        Date: 'Tue, 27 Mar 2007 21:06:08 +0000',
        'x-amz-acl': 'public-read',
        'X-Amz-Meta-ReviewedBy': 'joe@johnsmith.net,jane@johnsmith.net',
        'X-Amz-Meta-FileChecksum': '0x02661779',
        'X-Amz-Meta-ChecksumAlgorithm': 'crc32',
        'Content-Disposition': 'attachment; filename=database.dat',
        'Content-Encoding': 'gzip',
      },
      resource: canonicalResource('static.johnsmith.net', 'db-backup.dat.gz', []),
      sts:
        'PUT\n4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\nTue, 27 Mar 2007 21:06:08 +0000\n' +
        'x-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\nx-amz-meta-filechecksum:0x02661779\n' +
        'x-amz-meta-reviewedby:joe@johnsmith.net,jane@johnsmith.net\n/static.johnsmith.net/db-backup.dat.gz',
      sig: 'ilyl83RwaSoYIEdixDQcA4OnAnc=',
    },
  ])('reproduces the published S3 V2 example: $what', ({ method, headers, resource, sts, sig }) => {
    const built = obsStringToSign({ method, headers, resource }, 'x-amz-');
    expect(built).toBe(sts);
    expect(obsSignature(SK, built)).toBe(sig);
  });

  it("builds OBS's own StringToSign examples (x-obs- headers, the Date line empty when x-obs-date is sent)", () => {
    expect(
      obsStringToSign({
        method: 'GET',
        headers: { Host: 'bucket.obs.cn-north-4.myhuaweicloud.com', Date: 'Sat, 12 Oct 2015 08:12:38 GMT' },
        resource: canonicalResource('bucket', 'object.txt', []),
      }),
    ).toBe('GET\n\n\nSat, 12 Oct 2015 08:12:38 GMT\n/bucket/object.txt');
    expect(
      obsStringToSign({
        method: 'PUT',
        headers: {
          'Content-Type': 'text/plain',
          'x-obs-date': 'Sat, 12 Oct 2015 08:12:38 GMT',
          'X-OBS-Storage-Class': 'STANDARD',
          Date: 'ignored when x-obs-date is sent',
        },
        resource: canonicalResource('bucket', 'object.txt', []),
      }),
    ).toBe(
      'PUT\n\ntext/plain\n\nx-obs-date:Sat, 12 Oct 2015 08:12:38 GMT\nx-obs-storage-class:STANDARD\n/bucket/object.txt',
    );
  });

  it('signs the multipart sub-resources, sorted, and nothing else of the query', () => {
    expect(
      canonicalResource('images', 'yuntu/abc.qcow2', [
        ['uploadId', 'U1'],
        ['partNumber', '3'],
        ['max-parts', '1000'],
      ]),
    ).toBe('/images/yuntu/abc.qcow2?partNumber=3&uploadId=U1');
    expect(canonicalResource('images', 'yuntu/abc.qcow2', [['uploads', '']])).toBe('/images/yuntu/abc.qcow2?uploads');
    expect(canonicalResource('images', 'a b/ü', [])).toBe('/images/a%20b/%C3%BC');
  });

  it('answers the Authorization header in the OBS form with the signed Date', () => {
    const now = new Date(Date.UTC(2015, 9, 12, 8, 12, 38));
    const h = signObs(
      { method: 'GET', headers: {}, resource: '/bucket/object.txt' },
      { accessKey: 'AKEXAMPLE', secretKey: SK },
      now,
    );
    expect(h.Date).toBe('Mon, 12 Oct 2015 08:12:38 GMT');
    expect(h.Authorization).toBe(
      `OBS AKEXAMPLE:${obsSignature(SK, 'GET\n\n\nMon, 12 Oct 2015 08:12:38 GMT\n/bucket/object.txt')}`,
    );
  });
});
