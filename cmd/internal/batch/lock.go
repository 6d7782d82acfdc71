package batch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// lockName is the lock file in an output folder. It is never removed (a
// removed lock file would let two runs lock two different files); the lock
// is the operating system's, so a killed run's lock goes with it.
const lockName = ".offerbook.lock"

// lockPoll is how often a waiting run tries the lock again.
const lockPoll = 200 * time.Millisecond

// ErrLocked is returned, when Config.Wait is false, if another run holds
// the output folder's lock.
var ErrLocked = errors.New("another offerbook run is writing into the same folder")

// dirLock is a held lock on an output folder.
type dirLock struct{ f *os.File }

// lockDir takes the lock of dir. When another run holds it, it waits (and
// says so once, naming the other run) or, unless wait, fails at once.
func lockDir(ctx context.Context, dir string, wait bool, log *slog.Logger) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock file in %s: %w", dir, err)
	}
	told := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("cannot lock %s: %w", path, err)
		}
		if ok {
			break
		}
		holder := lockHolder(path)
		if !wait {
			_ = f.Close()
			return nil, fmt.Errorf("%w (%s): %s; try again when it has finished, or drop --no-wait to wait for it", ErrLocked, holder, dir)
		}
		if !told {
			log.Warn("waiting for another offerbook run writing into the same folder to finish", "dir", dir, "other", holder)
			told = true
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
	host, _ := os.Hostname()
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("pid %d on %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))), 0)
	return &dirLock{f: f}, nil
}

// lockHolder describes the run holding the lock, from the lock file.
func lockHolder(path string) string {
	b, err := os.ReadFile(path)
	s := strings.TrimSpace(string(b))
	if err != nil || s == "" {
		return "a run that has not said who it is"
	}
	return s
}

// unlock releases the lock; the file stays.
func (l *dirLock) unlock() {
	if l == nil || l.f == nil {
		return
	}
	_ = unlockFile(l.f)
	_ = l.f.Close()
	l.f = nil
}
