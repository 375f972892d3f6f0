import { NoticeKind } from './gen/borderlink/v1/notice_pb.js';
import { isRequestKind } from './request-kinds.js';

describe('isRequestKind', () => {
  it('knows the notice kinds that ask for an answer, by number and by protobuf JSON name', () => {
    expect(isRequestKind(NoticeKind.FIREARMS_TRACE_REQUEST)).toBe(true);
    expect(isRequestKind('NOTICE_KIND_JOINT_OPERATION')).toBe(true);
    expect(isRequestKind(NoticeKind.SITUATION_REPORT)).toBe(false);
    expect(isRequestKind('NOTICE_KIND_IMPACT_LEVEL_CHANGE')).toBe(false);
    expect(isRequestKind('no such kind')).toBe(false);
  });
});
