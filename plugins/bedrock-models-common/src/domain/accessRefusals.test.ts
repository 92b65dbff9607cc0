import { notOwnerRefusal, serviceAloneRefusal } from './accessRefusals';

describe('access refusals', () => {
  it('say what was refused and who may', () => {
    expect(notOwnerRefusal('retire versions of model m')).toBe(
      'You may not retire versions of model m: only its owners and the portal admins may.',
    );
    expect(serviceAloneRefusal('Pointers are moved')).toBe(
      'Pointers are moved on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
    );
  });
});
